import { randomInt } from "node:crypto";

import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";

import { createLearner, createWardAdmin, expect, findUserId, test } from "./fixtures";

/** The way people write a number down: "0912 345 678". */
const spaced = (phone: string) => `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;

test("a person of another ward added to a session by phone is shown to the admin only as a number until they confirm on their account page", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Có Khách", "Cán Bộ Đón Khách");
  const visitor = await createLearner("Vũ Thị Phường Khác", "HH");
  const nobody = `09${String(randomInt(10_000_000, 99_999_999))}`;
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  const place = `Nhà văn hoá tổ ${randomInt(100, 999)}`;
  const trainingSession = await prisma.trainingSession.create({
    data: {
      unitId: ward.id,
      heldOn: new Date("2026-03-15T00:00:00+07:00"),
      place,
      kind: "training",
      courses: JSON.stringify([course.slug]),
      trainer: "Cán bộ phường",
      createdById: await findUserId(admin),
    },
    select: { id: true },
  });

  // 1. The admin adds the visitor, then a number with no account: both only "waiting", no name.
  await signInAs(admin);
  await page.goto(`/quan-tri/buoi-hoc/${trainingSession.id}`);
  for (const phone of [visitor, nobody]) {
    await page.getByLabel("Họ và tên hoặc tên tổ chức").fill("Người Cán Bộ Ghi");
    await page.getByLabel("Số điện thoại (nếu có)").fill(spaced(phone));
    await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
    await page.getByRole("button", { name: "Thêm vào danh sách và điểm danh" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: spaced(phone) })).toContainText("Chờ xác nhận");
  }
  await expect(page.getByRole("heading", { name: "Điểm danh (0 người)" })).toBeVisible();
  await expect(page.getByText("Vũ Thị Phường Khác")).toHaveCount(0);

  // 2. The visitor confirms on their own account page.
  await page.context().clearCookies();
  await signInAs(visitor);
  await page.goto("/tai-khoan");
  // The course's title is left out of the match: Debian's Chromium has been seen to show one of its
  // letters as U+FFFD on this page although the bytes served are right.
  const question = page.getByRole("listitem").filter({ hasText: "Tôi đã tham dự buổi tập huấn “" });
  await expect(question).toContainText(`”, ngày 15/03/2026, tại ${place} (${ward.name}).`);
  await page.getByRole("button", { name: `Xác nhận đã tham dự buổi ngày 15/03/2026 tại ${place}` }).click();
  await expect(page.getByRole("status")).toHaveText("Đã ghi nhận anh/chị tham dự buổi học.");
  await expect(page.getByText("Không có lời mời hay buổi tập huấn nào đang chờ anh/chị trả lời.")).toBeVisible();
  // The session completed its course for them, by the in-person rule.
  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByText("Hoàn thành ngày 15/03/2026")).toBeVisible();

  // 3. The admin sees "confirmed" against the number, still without a name and outside the ward's roster.
  await page.context().clearCookies();
  await signInAs(admin);
  await page.goto(`/quan-tri/buoi-hoc/${trainingSession.id}`);
  await expect(page.getByRole("listitem").filter({ hasText: spaced(visitor) })).toContainText("Đã xác nhận");
  await expect(page.getByRole("listitem").filter({ hasText: spaced(nobody) })).toContainText("Chờ xác nhận");
  await expect(page.getByRole("heading", { name: "Điểm danh (0 người)" })).toBeVisible();
  await expect(page.getByText("Vũ Thị Phường Khác")).toHaveCount(0);
});
