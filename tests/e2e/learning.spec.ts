import type { Page } from "@playwright/test";

import { getCatalogue, type CatalogueCourse, type CatalogueModule } from "#app/content/catalogue.server";
import { formatDate } from "#app/utils/dates";

import { answerQuiz, createLearner, DEMO, expect, expectHelpLines, sessionCookieFor, test } from "./fixtures";

async function householdCourse(): Promise<CatalogueCourse> {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("HH"));
  if (!course) throw new Error("no course for households in content/");
  return course;
}

async function readAndPass(page: Page, course: CatalogueCourse, module: CatalogueModule) {
  await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
  await expect(page.getByRole("heading", { name: "Ghi nhớ" })).toBeVisible();
  await page.getByRole("button", { name: "Đã đọc xong" }).click();
  await expect(page.getByText("Đã đọc xong bài này.")).toBeVisible();
  // The lesson text survives hydration and the reload of the page's data after the post.
  await expect(page.getByRole("heading", { name: "Ghi nhớ" })).toBeVisible();
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, module, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");
}

test("a household learner fails a quiz, reads why, retries, passes and completes the course", async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  const course = await householdCourse();
  const [first, ...rest] = course.modules;
  await signInAs(DEMO.householdLearner);

  await page.goto("/khoa-hoc");
  const card = page.locator(".course-card", { hasText: course.title }).first();
  await expect(card.getByText("Dành cho nhóm của mình")).toBeVisible();
  await expect(card.getByText(`Đã xong 0/${course.modules.length} bài`)).toBeVisible();
  await card.getByRole("link", { name: course.title }).click();

  await expect(page.getByRole("heading", { name: course.title, level: 1 })).toBeVisible();
  await expect(page.getByText("Chưa bắt đầu").first()).toBeVisible();
  await page.locator(".module-list").getByRole("link", { name: first!.title }).click();
  await expect(page.getByRole("heading", { name: first!.title, level: 1 })).toBeVisible();
  // Reached by a client-side navigation: the lesson's HTML came with the loader data.
  await expect(page.getByRole("heading", { name: "Ghi nhớ" })).toBeVisible();
  await expectHelpLines(page);
  await page.getByRole("button", { name: "Đã đọc xong" }).click();
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();

  const failed = await answerQuiz(page, first!, "wrong");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Chưa đạt");
  await expect(page.getByText(`Trả lời đúng 0/${first!.quiz.perAttempt} câu`)).toBeVisible();
  // A failed attempt explains each wrong answer but does not give away the right option.
  await expect(page.getByText(failed[0]!.explanation)).toBeVisible();
  await expect(page.getByText("Đáp án đúng", { exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Làm lại bài kiểm tra" }).click();
  const retried = await answerQuiz(page, first!, "right");
  expect(retried.filter((question) => failed.includes(question))).toEqual([]);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");

  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByText(`Đã xong 1/${course.modules.length} bài`)).toBeVisible();
  for (const module of rest) await readAndPass(page, course, module);

  await page.goto("/khoa-hoc");
  const done = page.locator(".course-card--done", { hasText: course.title });
  await expect(done).toContainText(`Hoàn thành ngày ${formatDate(new Date())}`);
});

test("a course page names its version and leads to what changed, in Vietnamese and in English", async ({ page, signInAs }) => {
  const course = await householdCourse();
  const [newest] = course.changelog;
  await signInAs(await createLearner("Học Viên Xem Phiên Bản"));

  await page.goto(`/khoa-hoc/${course.slug}`);
  await page.getByRole("link", { name: `Phiên bản ${course.courseVersion} · Những thay đổi` }).click();
  await expect(page.getByRole("heading", { name: "Những thay đổi của khóa học", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Phiên bản ${newest!.version} · ${formatDate(newest!.date)}` })).toBeVisible();
  for (const change of newest!.changes) await expect(page.getByText(change, { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "What changed in the course", level: 1 })).toBeVisible();
  for (const change of newest!.changesEn) await expect(page.getByText(change, { exact: true })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a learner answers a quiz with plain form posts, is told what is missing, and passes", async ({ page, signInAs }) => {
    const course = await householdCourse();
    const module = course.modules[0]!;
    await signInAs(await createLearner("Học Viên Không Dùng Script"));

    await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
    await page.getByRole("button", { name: "Đã đọc xong" }).click();
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.getByRole("alert")).toContainText("Còn câu 1, 2");

    const answered = await answerQuiz(page, module, "right");
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.getByRole("status")).toContainText("Đạt");
    await expect(page.getByText(answered[0]!.explanation)).toBeVisible();
  });

  test("a children's lesson keeps the law for adults folded until it is opened, and gives both help numbers", async ({ page, signInAs }) => {
    const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("CHILD"));
    const module = course?.modules.find((candidate) => candidate.code.includes("ForAdults") && candidate.code.includes("Hotline"));
    if (!course || !module) throw new Error("no children's lesson with a section for adults and the help box in content/");
    await signInAs(await createLearner("Học Viên Nhỏ"));

    await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
    const forAdults = page.locator("details.for-adults");
    await expect(forAdults.getByText("Dành cho người lớn")).toBeVisible();
    const law = forAdults.locator(".law-quote").first();
    await expect(law).toBeHidden();
    await forAdults.getByText("Dành cho người lớn").click();
    await expect(law).toBeVisible();

    const help = page.locator(".hotline-box");
    await expect(help.getByRole("link", { name: "111", exact: true })).toBeVisible();
    await expect(help.getByRole("link", { name: "024 3352 5662" })).toBeVisible();
    await expect(help).toContainText("Trung tâm cung cấp dịch vụ công tác xã hội Hà Nội");
  });
});

test("the quiz page and its loader data carry no answer key", async ({ page, signInAs }) => {
  const course = await householdCourse();
  const module = course.modules[1] ?? course.modules[0]!;
  await signInAs(await createLearner("Học Viên Xem Mã Nguồn"));
  await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("button", { name: "Nộp bài" })).toBeVisible();

  const html = await (await page.request.get(page.url())).text();
  const data = await (await page.request.get(`${page.url()}?_data=routes%2Fkiem-tra.%24attemptId`)).text();
  for (const source of [html, data]) {
    expect(module.quiz.questions.some((question) => source.includes(question.prompt.slice(0, 20)))).toBe(true);
    expect(source).not.toMatch(/"correct"|"answer"|"explanation"/);
    for (const question of module.quiz.questions) expect(source).not.toContain(question.explanation);
  }
});

test("a learner cannot open another learner's attempt", async ({ page, signInAs, browser }) => {
  const course = await householdCourse();
  const module = course.modules[0]!;
  await signInAs(await createLearner("Chủ Bài Làm"));
  await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page).toHaveURL(/\/kiem-tra\//);
  const attemptUrl = new URL(page.url()).pathname;

  const other = await browser.newContext();
  await other.addCookies([await sessionCookieFor(await createLearner("Người Tò Mò"), page.url())]);
  const intruder = await other.newPage();
  const response = await intruder.goto(attemptUrl);
  expect(response?.status()).toBe(404);
  await expect(intruder.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  await other.close();
});
