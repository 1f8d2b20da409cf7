import { getCatalogue } from "#app/content/catalogue.server";
import { hashPassword } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { answerQuiz, createWardAdmin, expect, sessionCookieFor, test } from "../e2e/fixtures";

// The smoke journey on PostgreSQL: signing in (password check, session written and read by the
// hand-written join), a lesson and its quiz (progress, attempt, grading), the course completion
// that qualifies a roster entry in the same transaction, and the report's hand-written count.
const PASSWORD = "mat-khau-tren-postgres";

test("a household learner signs in, completes the course's last module, and the ward admin sees the coverage move", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH") && candidate.audiences.includes("HH"));
  if (!course) throw new Error("no household course counts for T-COOP-HH in content/");
  const { phone: adminPhone, ward } = await createWardAdmin("Phường Trên PostgreSQL", "Cán Bộ PostgreSQL");
  // A household head on the ward's roster with an account, every module but the last done.
  const phone = "0977123456";
  const learner = await prisma.user.create({
    data: {
      fullName: "Chủ Hộ Học Trên PostgreSQL",
      searchName: foldForSearch("Chủ Hộ Học Trên PostgreSQL"),
      phone: "+84977123456",
      passwordHash: await hashPassword(PASSWORD),
      unitId: ward.id,
      targetGroup: "HH",
    },
    select: { id: true },
  });
  for (const [name, userId] of [
    ["Hộ ông Học Trên PostgreSQL", learner.id],
    ["Hộ bà Chưa Học", null],
  ] as const) {
    await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name, searchName: foldForSearch(name), userId, phone: userId ? "+84977123456" : null } });
  }
  const last = course.modules[course.modules.length - 1]!;
  const earlier = new Date(Date.now() - 86_400_000);
  for (const module of course.modules.slice(0, -1)) {
    await prisma.moduleProgress.create({
      data: { userId: learner.id, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: module.version, readAt: earlier, passedAt: earlier, bestScore: 100 },
    });
  }

  const admin = await browser.newContext({ baseURL, locale: "vi-VN" });
  await admin.addCookies([await sessionCookieFor(adminPhone, baseURL ?? "")]);
  const report = await admin.newPage();
  await report.goto(`/quan-tri/bao-cao/${ward.code}`);
  const householdRow = report.getByRole("row", { name: /T-COOP-HH/ });
  await expect(householdRow).toContainText("0/2");

  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toHaveCount(0);

  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByText(`Đã xong ${course.modules.length - 1}/${course.modules.length} bài`)).toBeVisible();
  await page.goto(`/khoa-hoc/${course.slug}/${last.slug}`);
  await page.getByRole("button", { name: "Đã đọc xong" }).click();
  await expect(page.getByText("Đã đọc xong bài này.")).toBeVisible();
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, last);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");
  await page.goto("/khoa-hoc");
  await expect(page.locator(".course-card--done", { hasText: course.title })).toBeVisible();

  await report.reload();
  await expect(householdRow).toContainText("1/2");
  await expect(householdRow).toContainText(/50(\.0)?%/);
  await admin.close();
});
