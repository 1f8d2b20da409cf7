import type { Page } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";

import { expectAccessible } from "./axe";
import { answerQuiz, createLearner, expect, findUserId, test } from "./fixtures";

/** A household learner who has passed every module of the businesses' course but the last. */
async function learnerBeforeLastModule(fullName: string) {
  const catalogue = await getCatalogue();
  const course = catalogue.courses.find((candidate) => candidate.audiences.includes("BIZ"))!;
  const ownCourse = catalogue.courses.find((candidate) => candidate.audiences.includes("HH"))!;
  const phone = await createLearner(fullName, "HH");
  const userId = await findUserId(phone);
  const now = new Date();
  await prisma.moduleProgress.createMany({
    data: course.modules
      .slice(0, -1)
      .map((module) => ({ userId, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: module.version, readAt: now, passedAt: now, bestScore: 100 })),
  });
  return { phone, course, last: course.modules.at(-1)!, ownCourse };
}

async function passLastModule(page: Page, { course, last }: Awaited<ReturnType<typeof learnerBeforeLastModule>>) {
  await page.goto(`/khoa-hoc/${course.slug}/${last.slug}`);
  await expect(page.getByRole("region", { name: "Bạn đã hoàn thành khóa học" })).toHaveCount(0);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, last, "right");
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.locator(".result")).toContainText("Đạt");
  // The result of the quiz that completed the course already says so.
  await expect(page.getByRole("region", { name: "Bạn đã hoàn thành khóa học" })).toBeVisible();
  await page.getByRole("link", { name: "Tiếp tục" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("passing the last quiz of a course shows the completion panel, whose button issues the certificate, and suggests the learner's own course", async ({ page, signInAs }) => {
      const learner = await learnerBeforeLastModule(`Hộ Học Xong ${javaScriptEnabled ? "Có" : "Không"} JS`);
      await signInAs(learner.phone);
      await passLastModule(page, learner);

      const panel = page.getByRole("region", { name: "Bạn đã hoàn thành khóa học" });
      await expect(panel).toBeVisible();
      // The next course is the households' one, the learner's own group's.
      await expect(panel.getByRole("link", { name: learner.ownCourse.title })).toHaveAttribute("href", `/khoa-hoc/${learner.ownCourse.slug}`);
      await panel.getByRole("button", { name: "Nhận giấy chứng nhận" }).click();
      await expect(page.getByRole("heading", { name: "Giấy chứng nhận hoàn thành khóa học", level: 1 })).toBeVisible();
      const code = ((await page.locator(".cert-code").textContent()) ?? "").trim();
      expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);

      // The course page shows the same panel, now with the certificate to download.
      await page.goto(`/khoa-hoc/${learner.course.slug}`);
      await expect(panel.getByRole("link", { name: "Tải giấy chứng nhận (PDF)" })).toHaveAttribute("href", `/chung-nhan/${code}/pdf`);
      await expect(panel.getByRole("link", { name: learner.ownCourse.title })).toBeVisible();
      // The panel only: the whole lesson-long course page is too long to check within the test's time.
      if (javaScriptEnabled) await expectAccessible(page, ".course-end");
    });
  });
}

test("a learner who completed every course of their group is told so instead of a next course", async ({ page, signInAs }) => {
  const { phone, ownCourse } = await learnerBeforeLastModule("Hộ Đã Xong Tất Cả");
  const userId = await findUserId(phone);
  await prisma.courseCompletion.create({
    data: { userId, courseSlug: ownCourse.slug, contentVersion: ownCourse.version, courseVersion: ownCourse.courseVersion, rule: "online", completedAt: new Date() },
  });
  await signInAs(phone);
  await page.goto(`/khoa-hoc/${ownCourse.slug}`);
  const panel = page.getByRole("region", { name: "Bạn đã hoàn thành khóa học" });
  await expect(panel).toContainText("Anh/chị đã hoàn thành mọi khóa học dành cho nhóm của mình.");
  await expect(panel.getByRole("button", { name: "Nhận giấy chứng nhận" })).toBeVisible();
});
