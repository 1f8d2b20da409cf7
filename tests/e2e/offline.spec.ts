import type { Page } from "@playwright/test";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { layoutFor } from "#app/models/grade.server";
import { prisma } from "#app/utils/db.server";

import { answerQuiz, createLearner, expect, findUserId, openMenu, test } from "./fixtures";

const MB = 1024 * 1024;

async function householdCourse(): Promise<CatalogueCourse> {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("HH"));
  if (!course) throw new Error("no course for households in content/");
  return course;
}

/** "820 KB", "1,2 MB" as the page prints it, in bytes. */
function bytesIn(text: string) {
  const match = /([\d.,]+) (KB|MB)/.exec(text);
  if (!match) throw new Error(`no size in: ${text}`);
  return Number(match[1]!.replace(/\./g, "").replace(",", ".")) * (match[2] === "MB" ? MB : 1024);
}

async function waitForServiceWorker(page: Page) {
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready, navigator.serviceWorker.controller?.scriptURL ?? null))).toMatch(/\/sw\.js$/);
}

/** Every address kept in the page's Cache Storage, in every cache. */
function cachedUrls(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}

async function downloadCourse(page: Page, course: CatalogueCourse) {
  await page.goto(`/khoa-hoc/${course.slug}`);
  await waitForServiceWorker(page);
  const offer = page.getByRole("region", { name: "Tải về để học khi không có mạng" });
  const announced = bytesIn((await offer.getByText("Dung lượng tải về").textContent()) ?? "");
  await offer.getByRole("button", { name: "Tải về để học khi không có mạng" }).click();
  const done = offer.getByRole("status");
  await expect(done).toContainText("Đã tải về máy");
  return { announced, stored: bytesIn((await done.textContent()) ?? "") };
}

test("the app can be installed: a Vietnamese manifest with icons, and a service worker controls the page", async ({ page, signInAs }) => {
  await signInAs(await createLearner("Học Viên Cài Ứng Dụng"));
  await page.goto("/khoa-hoc");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const response = await page.request.get(href ?? "");
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string }[] };
  expect(manifest).toMatchObject({
    name: "Phòng chống lao động trẻ em",
    short_name: "Phòng chống LĐTE",
    start_url: "/khoa-hoc",
    display: "standalone",
    theme_color: "#0b5394",
  });
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((candidate) => candidate.sizes === size && candidate.type === "image/png");
    expect(icon, `an icon of ${size}`).toBeDefined();
    const image = await page.request.get(icon!.src);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
  await waitForServiceWorker(page);
});

test("a learner downloads the households course, learns and answers a quiz offline, and the answers reach the server once", async ({ page, context, signInAs }) => {
  test.setTimeout(120_000);
  const course = await householdCourse();
  const [first, second] = course.modules;
  const phone = await createLearner("Học Viên Vạn Phúc Ngoại Tuyến");
  const userId = await findUserId(phone);
  await signInAs(phone);

  const size = await downloadCourse(page, course);
  expect(size.announced).toBeLessThanOrEqual(1.5 * MB);
  expect(size.stored).toBeLessThanOrEqual(1.5 * MB);
  // One attempt per module quiz, started by the server, unanswered.
  const started = await prisma.quizAttempt.findMany({ where: { userId, courseSlug: course.slug }, select: { moduleSlug: true, submittedAt: true } });
  expect(started.map((attempt) => attempt.moduleSlug).sort()).toEqual(course.modules.map((module) => module.slug).sort());
  expect(started.every((attempt) => attempt.submittedAt === null)).toBe(true);

  await context.setOffline(true);
  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByRole("status").filter({ hasText: "Đang ngoại tuyến" })).toBeVisible();
  await page.locator(".module-list").getByRole("link", { name: first!.title }).click();
  await expect(page.getByRole("heading", { name: first!.title, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ghi nhớ" })).toBeVisible();
  await page.getByRole("link", { name: `← ${course.title}` }).click();
  await page.locator(".module-list").getByRole("link", { name: second!.title }).click();
  await expect(page.getByRole("heading", { name: second!.title, level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Đang ngoại tuyến" })).toBeVisible();

  await page.getByRole("button", { name: "Đã đọc xong" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu, sẽ gửi khi có mạng" })).toBeVisible();
  await page.goto(`/khoa-hoc/${course.slug}/${second!.slug}`);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, second!, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu, sẽ gửi khi có mạng" })).toBeVisible();
  const waiting = await prisma.quizAttempt.findFirstOrThrow({ where: { userId, moduleSlug: second!.slug }, select: { id: true, submittedAt: true } });
  expect(waiting.submittedAt).toBeNull();

  // The connection returns: the answers are sent and the result shown.
  await context.setOffline(false);
  await expect(page).toHaveURL(`/kiem-tra/${waiting.id}`, { timeout: 15_000 });
  await expect(page.getByRole("status")).toContainText("Đạt");
  const submitted = await prisma.quizAttempt.findMany({
    where: { userId, moduleSlug: second!.slug, submittedAt: { not: null } },
    select: { id: true, score: true, submittedAt: true },
  });
  expect(submitted).toHaveLength(1);
  expect(submitted[0]!.score).toBe(100);

  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.locator(".module-item", { hasText: second!.title }).getByText("Đã đạt")).toBeVisible();

  // The same attempt sent again, with other answers: nothing changes.
  const again = await page.request.post(`/kiem-tra/${waiting.id}`, {
    headers: { Origin: new URL(page.url()).origin },
    form: { [`q.${second!.quiz.questions[0]!.id}`]: "sai" },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(302);
  const after = await prisma.quizAttempt.findMany({
    where: { userId, moduleSlug: second!.slug, submittedAt: { not: null } },
    select: { id: true, score: true, submittedAt: true },
  });
  expect(after).toEqual(submitted);
});

test("offline, a page that is not kept shows the offline page listing what is kept", async ({ page, context, signInAs }) => {
  const course = await householdCourse();
  await signInAs(await createLearner("Học Viên Đa Sỹ Ngoại Tuyến"));
  await downloadCourse(page, course);

  await context.setOffline(true);
  await page.goto("/co-so");
  await expect(page.getByRole("heading", { name: "Không có mạng", level: 1 })).toBeVisible();
  await expect(page.getByText("Trang này chưa được tải về máy")).toBeVisible();
  const kept = page.getByRole("list").filter({ has: page.getByRole("link", { name: course.modules[0]!.title }) });
  for (const module of course.modules) await expect(kept.getByRole("link", { name: module.title })).toBeVisible();
  await kept.getByRole("link", { name: course.modules[0]!.title }).click();
  await expect(page.getByRole("heading", { name: course.modules[0]!.title, level: 1 })).toBeVisible();
});

test("a kept course whose content changed is downloaded again at the next page load online", async ({ page, signInAs }) => {
  const course = await householdCourse();
  await signInAs(await createLearner("Học Viên Cập Nhật"));
  await downloadCourse(page, course);
  const recordOf = () =>
    page.evaluate(async (path) => {
      const record = await (await caches.open("offline-courses")).match(path);
      return record ? ((await record.json()) as { version: string; urls: string[] }) : null;
    }, `/khoa-hoc/${course.slug}/tai-ve`);
  // The phone's copy as an earlier version of the course left it.
  await page.evaluate(async (path) => {
    const cache = await caches.open("offline-courses");
    const record = (await (await cache.match(path))!.json()) as Record<string, unknown>;
    await cache.put(path, new Response(JSON.stringify({ ...record, version: "0000000000000000" })));
  }, `/khoa-hoc/${course.slug}/tai-ve`);
  expect((await recordOf())?.version).toBe("0000000000000000");

  await page.goto("/khoa-hoc");
  await expect.poll(async () => (await recordOf())?.version).toBe(course.version);
});

test("a module a learner opened online opens offline without a download", async ({ page, context, signInAs }) => {
  const course = (await getCatalogue()).courses.find((candidate) => !candidate.audiences.includes("HH"))!;
  const module = course.modules[1]!;
  await signInAs(await createLearner("Học Viên Mở Bài"));
  await page.goto(`/khoa-hoc/${course.slug}`);
  await waitForServiceWorker(page);
  await page.locator(".module-list").getByRole("link", { name: module.title }).click();
  await expect(page.getByRole("heading", { name: module.title, level: 1 })).toBeVisible();
  await expect.poll(() => cachedUrls(page)).toContain(`/khoa-hoc/${course.slug}/${module.slug}`);

  await context.setOffline(true);
  await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
  await expect(page.getByRole("heading", { name: module.title, level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Đang ngoại tuyến" })).toBeVisible();
});

test("after the content changed, a quiz kept for offline use is still shown and graded against the questions it showed", async ({ page, signInAs }) => {
  const course = await householdCourse();
  const module = course.modules[2]!;
  const phone = await createLearner("Học Viên Nội Dung Cũ");
  const userId = await findUserId(phone);
  // Attempts begun on an earlier version of the module: one downloaded (its quiz kept), one not.
  const layout = JSON.stringify(layoutFor(module.quiz, 7));
  const older = { userId, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: "0000000000000000", layout };
  const kept = await prisma.quizAttempt.create({ data: older, select: { id: true } });
  await prisma.shownQuiz.create({ data: { attemptId: kept.id, quiz: JSON.stringify(module.quiz) }, select: { id: true } });
  const online = await prisma.quizAttempt.create({ data: older, select: { id: true } });
  await signInAs(phone);

  await page.goto(`/kiem-tra/${online.id}`);
  await expect(page.getByRole("alert")).toContainText("Bài kiểm tra này vừa được cập nhật nội dung");
  await page.goto(`/kiem-tra/${kept.id}`);
  await answerQuiz(page, module, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");
  const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: kept.id }, select: { score: true, passed: true } });
  expect(stored).toEqual({ score: 100, passed: true });
});

test("after sign-out nothing of the learner is left in the phone's caches", async ({ page, signInAs }) => {
  const course = await householdCourse();
  await signInAs(await createLearner("Học Viên Đăng Xuất"));
  await downloadCourse(page, course);
  expect((await cachedUrls(page)).filter((url) => url.startsWith("/kiem-tra/")).length).toBe(course.modules.length);

  await openMenu(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();
  const left = await cachedUrls(page);
  expect(left.filter((url) => /^\/(khoa-hoc|kiem-tra|noi-dung|ngoai-tuyen)/.test(url))).toEqual([]);
});
