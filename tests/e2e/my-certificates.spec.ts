import { getCatalogue } from "#app/content/catalogue.server";
import { newVerificationCode } from "#app/models/certification/rules.server";
import { DAY, formatDate } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { expectAccessible } from "./axe";
import { createLearner, expect, findUserId, openMenu, test } from "./fixtures";

/** A learner who completed two courses, the first with its certificate issued, the second not yet. */
async function learnerWithTwoCourses(fullName: string) {
  const [first, second] = (await getCatalogue()).courses;
  const phone = await createLearner(fullName, "BIZ");
  const userId = await findUserId(phone);
  const unitId = (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { unitId: true } })).unitId;
  const completedAt = new Date("2026-11-03T05:00:00Z");
  for (const course of [first!, second!]) {
    await prisma.courseCompletion.create({
      data: { userId, courseSlug: course.slug, contentVersion: course.version, courseVersion: course.courseVersion, rule: "online", completedAt },
    });
  }
  const code = newVerificationCode();
  await prisma.certificate.create({
    data: { kind: "course", code, userId, courseSlug: first!.slug, holderName: fullName, holderSearchName: foldForSearch(fullName), unitId, issuedAt: completedAt },
  });
  return { phone, userId, unitId, code, first: first!, second: second!, completedOn: formatDate(completedAt) };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("'Chứng nhận của tôi' lists each completed course with its date and download, and issues a missing certificate", async ({ page, signInAs }) => {
      const learner = await learnerWithTwoCourses(`Người Có Hai Khóa ${javaScriptEnabled ? "A" : "B"}`);
      // Another learner's certificate never shows.
      const other = await learnerWithTwoCourses("Người Khác Có Chứng Nhận");
      await signInAs(learner.phone);
      await page.goto("/tai-khoan");
      await page.getByRole("link", { name: "Giấy chứng nhận các khóa học anh/chị đã hoàn thành" }).click();
      await expect(page.getByRole("heading", { name: "Chứng nhận của tôi", level: 1 })).toBeVisible();

      const cards = page.locator(".certificate-card");
      await expect(cards).toHaveCount(2);
      await expect(cards.nth(0)).toContainText(learner.first.title);
      await expect(cards.nth(0)).toContainText(learner.completedOn);
      await expect(page.getByRole("link", { name: `Tải về (PDF): ${learner.first.title}` })).toHaveAttribute("href", `/chung-nhan/${learner.code}/pdf`);
      await expect(page.getByText(other.code)).toHaveCount(0);
      if (javaScriptEnabled) await expectAccessible(page);

      await page.getByRole("button", { name: `Nhận giấy chứng nhận: ${learner.second.title}` }).click();
      // The list shows codes in `.cert-code` too: wait for the course's certificate page first.
      await expect(page).toHaveURL(`/khoa-hoc/${learner.second.slug}/chung-nhan`);
      await expect(page.locator(".cert-code")).toHaveText(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      await page.goto("/tai-khoan/chung-nhan");
      await expect(page.getByRole("link", { name: `Tải về (PDF): ${learner.second.title}` })).toBeVisible();
    });
  });
}

test("a member of a certified organisation sees its certificate's status on 'Chứng nhận của tôi', reached from the menu", async ({ page, signInAs }) => {
  const learner = await learnerWithTwoCourses("Thành Viên Cơ Sở Đạt");
  const name = "Xưởng May Chứng Nhận Của Tôi";
  const organisation = await prisma.organisation.create({ data: { kind: "business", name, searchName: foldForSearch(name), unitId: learner.unitId }, select: { id: true } });
  await prisma.user.update({ where: { id: learner.userId }, data: { organisationId: organisation.id } });
  const code = newVerificationCode();
  const issuedAt = new Date(Date.now() - 10 * DAY);
  await prisma.certificate.create({
    data: {
      kind: "organisation",
      code,
      organisationId: organisation.id,
      holderName: name,
      holderSearchName: foldForSearch(name),
      unitId: learner.unitId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 365 * DAY),
    },
  });
  await signInAs(learner.phone);
  await page.goto("/khoa-hoc");
  await openMenu(page);
  await page.getByRole("link", { name: "Chứng nhận của tôi" }).first().click();
  await expect(page.getByRole("heading", { name: `Chứng nhận cơ sở: ${name}` })).toBeVisible();
  await expect(page.getByText("Còn hiệu lực")).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();
  await page.getByRole("link", { name: "Xem hồ sơ chứng nhận của cơ sở" }).click();
  await expect(page).toHaveURL(/\/co-so$/);
});
