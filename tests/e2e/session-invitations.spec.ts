import { getCatalogue } from "#app/content/catalogue.server";
import { formatDate } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, expect, findUserId, smsReceived, test } from "./fixtures";

const HOUSEHOLDS = ["Hộ Mời Một", "Hộ Mời Hai", "Hộ Mời Ba", "Hộ Mời Bốn", "Hộ Mời Năm"];

test("a ward admin invites five not-reached households to a session, one answers through the link, and attendance shrinks the list", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Mời Học", "Cán Bộ Mời Học");
  // Three households with a phone get a message; two without one go on the printed sheet.
  const phones = HOUSEHOLDS.slice(0, 3).map((_, index) => `+8478${String(Date.now() + index).slice(-7)}`);
  await prisma.rosterEntry.createMany({
    data: HOUSEHOLDS.map((name, index) => ({ unitId: ward.id, targetGroup: "HH", name, searchName: foldForSearch(name), phone: phones[index] ?? null })),
  });
  const messagesToHouseholds = async () => (await smsReceived()).filter((message) => phones.includes(message.to));
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  const trainingSession = await prisma.trainingSession.create({
    data: {
      unitId: ward.id,
      heldOn: new Date(Date.now() + 7 * 86_400_000),
      place: "Nhà văn hóa tổ 7",
      kind: "training",
      courses: JSON.stringify([course.slug]),
      trainer: "Cán bộ phường",
      createdById: await findUserId(admin),
    },
    select: { id: true, heldOn: true },
  });

  // 1. From the not-reached list, nobody contacted yet: tick all five, choose the hour, invite.
  await signInAs(admin);
  await page.goto(`/quan-tri/bao-cao/chi-tieu/T-COOP-HH?lien-he=none&buoi-hoc=${trainingSession.id}`);
  await expect(page.getByRole("status")).toHaveText("5 chưa đạt");
  for (const name of HOUSEHOLDS) await page.getByLabel(`Mời ${name}`, { exact: true }).check();
  await page.getByLabel("Giờ bắt đầu").fill("08:30");
  await page.getByRole("button", { name: "Mời dự buổi học" }).click();

  // 2. The session page counts them; three messages are in the outbox, two slips on the sheet.
  await expect(page).toHaveURL(new RegExp(`/quan-tri/buoi-hoc/${trainingSession.id}`));
  await expect(page.getByText("Đã mời 5 người.")).toBeVisible();
  await expect(page.getByTestId("invitation-counts")).toHaveText("Đã mời 5 · Sẽ đến 0 · Không đến được 0 · Có mặt 0");
  const invitations = await prisma.trainingSessionInvitation.findMany({
    where: { trainingSessionId: trainingSession.id },
    select: { id: true, replyToken: true, rosterEntry: { select: { name: true } } },
  });
  expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { in: invitations.map((invitation) => `invite:${invitation.id}`) } } })).toBe(3);
  // The outbox hands them to the SMS gateway, one each, with the day, the hour and the place
  // (without diacritics, as SMS go by default).
  await expect.poll(async () => (await messagesToHouseholds()).map((message) => message.to).sort(), { timeout: 20_000 }).toEqual([...phones].sort());
  for (const message of await messagesToHouseholds()) {
    expect(message.text).toContain(`luc 08:30 ngay ${formatDate(trainingSession.heldOn)} tai Nha van hoa to 7.`);
    // The reply link ends the invitation's own line; the opt-out line follows it.
    expect(message.text).toMatch(/Tra loi tai http:\/\/\S+\/tra-loi\/\S+$/m);
    expect(message.text).toMatch(/^Tu choi nhan tin: http:\/\/\S+\/tu-choi\/\S+ hoac nhan lai TU CHOI$/m);
  }
  await page.getByRole("link", { name: "In giấy mời cho người không có số điện thoại" }).click();
  await expect(page.locator(".invitation-slip")).toHaveCount(2);
  await expect(page.locator(".invitation-slip").first()).toContainText("Kính gửi: Hộ Mời Bốn");
  await expect(page.locator(".invitation-slip").first()).toContainText("Thời gian: 08:30 ngày");
  await expect(page.locator(".invitation-slip").nth(1)).toContainText("Kính gửi: Hộ Mời Năm");

  // 3. One household answers through its link, without signing in.
  const first = invitations.find((invitation) => invitation.rosterEntry.name === "Hộ Mời Một")!;
  await page.context().clearCookies();
  await page.goto(`/tra-loi/${first.replyToken}`);
  await expect(page.getByText("Địa điểm: Nhà văn hóa tổ 7")).toBeVisible();
  await page.getByRole("button", { name: "Tôi sẽ đến" }).click();
  await expect(page.getByRole("status")).toHaveText("Cảm ơn bạn. Phường đã ghi nhận bạn sẽ đến.");

  // 4. The admin sees it confirmed, marks the household present, and the list shrinks.
  await signInAs(admin);
  await page.goto(`/quan-tri/buoi-hoc/${trainingSession.id}`);
  await expect(page.getByTestId("invitation-counts")).toHaveText("Đã mời 5 · Sẽ đến 1 · Không đến được 0 · Có mặt 0");
  await expect(page.getByRole("list", { name: "Lời mời" }).getByRole("listitem").filter({ hasText: "Hộ Mời Một" })).toContainText("Sẽ đến");
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("Hộ Mời Một");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ Mời Một" }).click();
  await expect(page.getByTestId("invitation-counts")).toHaveText("Đã mời 5 · Sẽ đến 1 · Không đến được 0 · Có mặt 1");
  await page.goto("/quan-tri/bao-cao/chi-tieu/T-COOP-HH?lien-he=invited");
  await expect(page.getByRole("status")).toHaveText("4 chưa đạt");
  // Nothing was sent twice meanwhile.
  expect(await messagesToHouseholds()).toHaveLength(3);
});

test("a contact recorded on the not-reached list shows in the person's history, and moved away offers the left action", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Theo Dõi", "Cán Bộ Theo Dõi");
  await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name: "Hộ Chuyển Đi", searchName: foldForSearch("Hộ Chuyển Đi") } });
  await signInAs(admin);
  await page.goto("/quan-tri/bao-cao/chi-tieu/T-COOP-HH");
  const entry = page.getByRole("listitem").filter({ hasText: "Hộ Chuyển Đi" });
  await expect(entry).toContainText("Chưa liên hệ");
  await entry.getByText("Ghi nhận liên hệ", { exact: true }).click();
  await entry.getByLabel("Hình thức liên hệ").selectOption({ label: "Đã chuyển đi" });
  await entry.getByLabel("Ghi chú (không bắt buộc)").fill("Hàng xóm cho biết đã chuyển lên Bắc Ninh");
  await entry.getByRole("button", { name: "Lưu liên hệ" }).click();

  await expect(page.getByText("Đã ghi nhận Hộ Chuyển Đi đã chuyển đi.", { exact: false })).toBeVisible();
  await expect(entry).toContainText("Đã chuyển đi ngày");
  await entry.getByText("Lịch sử liên hệ (1)").click();
  await expect(entry.locator(".contact-history")).toContainText("Đã chuyển đi · Cán Bộ Theo Dõi · Hàng xóm cho biết đã chuyển lên Bắc Ninh");
  await page.getByRole("button", { name: "Xác nhận đã rời đi" }).first().click();
  await expect(page.getByText("Đã ghi nhận một người đã rời đi.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Hộ Chuyển Đi" })).toHaveCount(0);
});
