import { readFileSync } from "node:fs";

import { getCatalogue } from "#app/content/catalogue.server";
import { PRIVACY_NOTICE_VERSION } from "#app/content/privacy-notice";
import { prisma } from "#app/utils/db.server";

import { answerQuiz, createLearner, DEMO_PASSWORD, expect, expectHelpLines, findUserId, giveDemoPassword, test } from "./fixtures";

async function childrenCourse() {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("CHILD"));
  if (!course) throw new Error("no children's course in content/");
  return course;
}

test("a child opens the children's course, reads a lesson and answers a self-check without signing in, and nothing about them is written", async ({ page, context }) => {
  const course = await childrenCourse();
  const module = course.modules[0]!;
  const since = new Date();
  const tallyBefore =
    (await prisma.selfCheckTally.findUnique({ where: { courseSlug_moduleSlug: { courseSlug: course.slug, moduleSlug: module.slug } }, select: { completed: true } }))?.completed ??
    0;

  await page.goto("/");
  await page.getByRole("link", { name: "Các em vào học ngay, không cần tài khoản" }).click();
  await expect(page).toHaveURL(new RegExp(`/khoa-hoc/${course.slug}$`));
  await expect(page.getByText("Em học mà không cần tài khoản.", { exact: false })).toBeVisible();
  // The introduction and the module list both link the first lesson.
  await page.getByRole("link", { name: module.title }).first().click();
  await expect(page.getByRole("heading", { name: module.title, level: 1 })).toBeVisible();
  await expectHelpLines(page);
  await page.getByRole("link", { name: "Tự kiểm tra" }).click();

  await expect(page.getByText("Bài làm của em được chấm ngay và không được lưu lại.")).toBeVisible();
  const answered = await answerQuiz(page, module, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");
  await expect(page.getByText(answered[0]!.explanation)).toBeVisible();

  // Counted, not profiled: one more self-check, no session, no attempt or progress of anybody.
  const tallyAfter = await prisma.selfCheckTally.findUniqueOrThrow({
    where: { courseSlug_moduleSlug: { courseSlug: course.slug, moduleSlug: module.slug } },
    select: { completed: true },
  });
  expect(tallyAfter.completed).toBeGreaterThan(tallyBefore);
  expect((await context.cookies()).filter((cookie) => cookie.name === "session")).toEqual([]);
  expect(await prisma.quizAttempt.count({ where: { courseSlug: course.slug, startedAt: { gte: since } } })).toBe(0);
  expect(await prisma.moduleProgress.count({ where: { courseSlug: course.slug, updatedAt: { gte: since } } })).toBe(0);
});

test("sign-up shows the privacy notice, does not offer the children's group, and records consent with the notice's version", async ({ page }) => {
  const phone = `098${String(Date.now()).slice(-7)}`;
  await page.goto("/dang-ky");
  await expect(page.getByLabel("Nhóm người học").locator("option", { hasText: /^Trẻ em$/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Đọc thông báo về quyền riêng tư" }).click();
  await expect(page.getByRole("heading", { name: "Quyền riêng tư", level: 1 })).toBeVisible();
  await expect(page.getByText("Luật Bảo vệ dữ liệu cá nhân 2025", { exact: false })).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Quyền riêng tư" })).toBeVisible();
  await page.goBack();

  await page.getByLabel("Họ và tên").fill("Trịnh Thị Đồng Ý");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-dong-y");
  await page.getByLabel("Phường").selectOption({ label: "Hà Đông" });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Cha mẹ, người chăm sóc trẻ" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.locator("#consent-error")).toHaveText("Hãy đánh dấu đồng ý để tạo tài khoản.");

  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Xin chào, Trịnh Thị Đồng Ý")).toBeVisible();
  const consents = await prisma.consent.findMany({ where: { userId: await findUserId(phone) }, select: { noticeVersion: true, createdAt: true } });
  expect(consents).toEqual([{ noticeVersion: PRIVACY_NOTICE_VERSION, createdAt: expect.any(Date) }]);
});

test("after a material change of the notice, a person is asked to agree again at their next sign-in", async ({ page }) => {
  const phone = await createLearner("Người Đồng Ý Cũ");
  await giveDemoPassword(phone);
  const userId = await findUserId(phone);
  await prisma.consent.updateMany({ where: { userId }, data: { noticeVersion: "2000-01" } });

  await page.goto("/khoa-hoc");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: "Thông báo về quyền riêng tư đã thay đổi" })).toBeVisible();
  await page.getByRole("button", { name: "Tôi đã đọc và đồng ý" }).click();
  await expect(page).toHaveURL(/\/khoa-hoc$/);
  expect(await prisma.consent.count({ where: { userId, noticeVersion: PRIVACY_NOTICE_VERSION } })).toBe(1);
});

test("a learner downloads their data, then deletes their account and can no longer sign in", async ({ page }) => {
  const phone = await createLearner("Lương Thị Tải Về");
  await giveDemoPassword(phone);
  const userId = await findUserId(phone);
  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Xin chào, Lương Thị Tải Về")).toBeVisible();

  await page.goto("/tai-khoan");
  await page.getByRole("link", { name: "Xem, tải về, sửa hoặc xóa dữ liệu của bạn" }).click();
  await expect(page.getByRole("heading", { name: "Dữ liệu của tôi", level: 1 })).toBeVisible();
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải về tệp JSON" }).click()]);
  const data = JSON.parse(readFileSync((await json.path())!, "utf8")) as { tables: Record<string, Record<string, unknown>[]> };
  expect(data.tables.User).toEqual([expect.objectContaining({ fullName: "Lương Thị Tải Về", phone: `+84${phone.slice(1)}` })]);
  expect(data.tables.Consent).toHaveLength(1);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải về tệp CSV" }).click()]);
  expect(readFileSync((await csv.path())!, "utf8")).toContain("User,1,fullName,Lương Thị Tải Về");

  await page.getByLabel("Nhập mật khẩu để xác nhận").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Xóa vĩnh viễn tài khoản của tôi" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();
  expect(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { fullName: true, erasedAt: true } })).toEqual({ fullName: "", erasedAt: expect.any(Date) });
  expect(await prisma.auditEntry.count({ where: { targetId: userId, action: { in: ["personal-data.download", "user.erase"] } } })).toBe(3);

  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toHaveText("Số điện thoại, email hoặc mật khẩu không đúng.");
});

test("admin lists show phones masked; the person's own page shows the whole number", async ({ page, signInAs }) => {
  const phone = await createLearner("Hà Thị Che Số");
  await signInAs("0901000002");
  await page.goto(`/quan-tri/nguoi-dung?q=${encodeURIComponent("Hà Thị Che Số")}`);
  const masked = `${phone.slice(0, 4)} *** ${phone.slice(-3)}`;
  await expect(page.getByText(masked)).toBeVisible();
  await page.getByRole("link", { name: "Hà Thị Che Số" }).click();
  await expect(page.getByText(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`)).toBeVisible();
});
