import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";

import { answerQuiz, createLearner, expect, findUserId, openMenu, test } from "./fixtures";

test("after the households' course, home does not suggest the officials' course", async ({ page, signInAs }) => {
  const phone = await createLearner("Hộ Đã Học Xong", "HH");
  const household = (await getCatalogue()).courses.find((course) => course.audiences.includes("HH"))!;
  const userId = await findUserId(phone);
  await prisma.courseCompletion.create({
    data: { userId, courseSlug: household.slug, contentVersion: household.version, courseVersion: household.courseVersion, rule: "online", completedAt: new Date() },
  });
  await signInAs(phone);
  await page.goto("/");
  await expect(page.getByText(/Bài tiếp theo trong khóa/)).toHaveCount(0);
});

test("a household learner does not see 'Chứng nhận cơ sở'; a business learner does", async ({ page, signInAs }) => {
  await signInAs(await createLearner("Hộ Không Kinh Doanh", "HH"));
  await page.goto("/khoa-hoc");
  await openMenu(page);
  await expect(page.getByRole("link", { name: "Khóa học của tôi", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Chứng nhận cơ sở" })).toHaveCount(0);

  await page.context().clearCookies();
  await signInAs(await createLearner("Chủ Doanh Nghiệp Nhỏ", "BIZ"));
  await page.goto("/khoa-hoc");
  await openMenu(page);
  await expect(page.getByRole("link", { name: "Chứng nhận cơ sở" })).toBeVisible();
});

test("'Quên mật khẩu?' on the sign-in page explains how to get a set-up code from the ward", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByText("Quên mật khẩu?").click();
  await expect(page.getByText(/cán bộ phường nơi anh\/chị đăng ký/)).toBeVisible();
  await page.getByRole("link", { name: "Đã có mã thiết lập: đặt mật khẩu mới" }).click();
  await expect(page).toHaveURL(/\/thiet-lap$/);
});

test("the page-not-found page has a title", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Không tìm thấy trang · Phòng chống lao động trẻ em");
});

test("passing a module's quiz completes the module without pressing 'Đã đọc xong'", async ({ page, signInAs }) => {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("HH"))!;
  const module = course.modules[0]!;
  await signInAs(await createLearner("Hộ Làm Bài Ngay", "HH"));
  await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, module, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");

  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByText(`Đã xong 1/${course.modules.length} bài`).first()).toBeVisible();
  await expect(page.locator(".module-list li", { hasText: module.title }).getByText("Đã đạt")).toBeVisible();
});
