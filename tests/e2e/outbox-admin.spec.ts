import { randomInt, randomUUID } from "node:crypto";

import { enqueueMessages } from "#app/models/outbox/enqueue.server";
import { optOutTokens } from "#app/models/outbox/opt-out.server";
import { prisma } from "#app/utils/db.server";
import { maskPhone } from "#app/utils/phone";

import { expectAccessible } from "./axe";
import { createWardAdmin, expect, openMenu, test } from "./fixtures";

// Pages without JavaScript, as a ward office's old phone may show them.
test.use({ javaScriptEnabled: false });

const phone = () => `+8479${String(randomInt(1_000_000, 9_999_999))}`;

/** A session invitation to `address` about `unitId`, due in a month: it stays queued while the test looks. */
async function queueInvitation(address: string, unitId: string) {
  const idempotencyKey = `e2e-outbox:${randomUUID()}`;
  await enqueueMessages(prisma, [
    {
      to: { channel: "sms", address },
      template: "session-invitation",
      variables: { date: "05/01/2027", time: "08:00", place: "Nhà văn hóa", url: "http://localhost/tra-loi/x" },
      idempotencyKey,
      unitId,
      notBefore: new Date(Date.now() + 30 * 86_400_000),
    },
  ]);
  return idempotencyKey;
}

test("a ward admin sees their ward's queued message, masked, and not another ward's; the admin of the other ward sees it not", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Tin Nhắn Một", "Cán Bộ Tin Nhắn Một");
  const { phone: otherAdmin, ward: otherWard } = await createWardAdmin("Phường Tin Nhắn Hai", "Cán Bộ Tin Nhắn Hai");
  const [ours, theirs] = [phone(), phone()];
  await queueInvitation(ours, ward.id);
  await queueInvitation(theirs, otherWard.id);

  await signInAs(admin);
  await page.goto("/quan-tri");
  await openMenu(page);
  await page.locator(".site-menu").getByRole("link", { name: "Tin nhắn", exact: true }).click();
  await expect(page).toHaveURL(/\/quan-tri\/tin-nhan$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tin nhắn gửi đi");
  await expect(page.getByRole("link", { name: "Đang chờ gửi (1)" })).toBeVisible();
  const list = page.getByTestId("outbox-messages");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText(`${maskPhone(ours)} · SMS · Phường Tin Nhắn Một`);
  await expect(list).toContainText("Thư mời dự buổi tập huấn");
  await expect(list).toContainText("Chờ gửi lúc");
  // Neither the whole number nor the other ward's message is on the page.
  const text = (await page.content()).replaceAll(/\s+/g, " ");
  for (const absent of [ours, `0${ours.slice(3)}`, maskPhone(theirs), "Phường Tin Nhắn Hai"]) expect(text).not.toContain(absent);

  await page.context().clearCookies();
  await signInAs(otherAdmin);
  await page.goto("/quan-tri/tin-nhan");
  await expect(page.getByTestId("outbox-messages").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("outbox-messages")).toContainText(maskPhone(theirs));
  await expect(page.getByTestId("outbox-messages")).not.toContainText(maskPhone(ours));
});

test("the opt-out link and a TU CHOI reply cancel the queued messages, which the admin sees as cancelled", async ({ page, signInAs, playwright, baseURL }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Từ Chối", "Cán Bộ Từ Chối");
  const [byLink, byReply] = [phone(), phone()];
  await queueInvitation(byLink, ward.id);
  await queueInvitation(byReply, ward.id);

  // 1. The link at the end of a message, opened without signing in: the number masked, one button.
  const token = (await optOutTokens([byLink])).get(byLink)!;
  await page.goto(`/tu-choi/${token}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Từ chối nhận tin nhắn");
  await expect(page.getByText(maskPhone(byLink)).first()).toBeVisible();
  await page.getByRole("button", { name: "Tôi không muốn nhận tin nhắn nữa" }).click();
  await expect(page.getByRole("status")).toHaveText(`Đã ghi nhận. Từ nay nền tảng không gửi tin nhắn tới ${maskPhone(byLink)} nữa.`);
  await expect(page.getByRole("button", { name: "Tôi không muốn nhận tin nhắn nữa" })).toHaveCount(0);
  expect((await page.request.get("/tu-choi/AAAAAAAAAAAAAAAA")).status()).toBe(404);

  // 2. A reply forwarded by the gateway: a machine, with the shared secret and without a page's Origin.
  const gateway = await playwright.request.newContext({ baseURL });
  const refused = await gateway.post("/api/sms-reply", { data: { from: `0${byReply.slice(3)}`, text: "Từ chối" } });
  expect(refused.status()).toBe(403);
  const answered = await gateway.post("/api/sms-reply", {
    data: { from: `0${byReply.slice(3)}`, text: "Từ chối" },
    headers: { Authorization: `Bearer ${process.env.SMS_REPLY_TOKEN}` },
  });
  expect(answered.status()).toBe(200);
  expect(await answered.json()).toEqual({ optedOut: true });
  await gateway.dispose();

  // 3. The admin sees both cancelled, with the reason; nothing is left queued.
  await signInAs(admin);
  await page.goto("/quan-tri/tin-nhan");
  await expect(page.getByRole("link", { name: "Đang chờ gửi (0)" })).toBeVisible();
  await page.getByRole("link", { name: "Đã hủy (2)" }).click();
  const list = page.getByTestId("outbox-messages");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  for (const address of [byLink, byReply]) await expect(list.getByRole("listitem").filter({ hasText: maskPhone(address) })).toContainText("Người nhận đã từ chối nhận tin nhắn.");

  // 4. A new message to a number that declined is recorded cancelled at once.
  await queueInvitation(byLink, ward.id);
  await page.reload();
  await expect(page.getByRole("link", { name: "Đã hủy (3)" })).toBeVisible();

  // 5. The learner with the number that replied: their page offers no set-up code by SMS, the code is read out.
  const learner = await prisma.user.create({
    data: { fullName: "Hộ Không Nhận Tin", searchName: "ho khong nhan tin", phone: byReply, unitId: ward.id, targetGroup: "HH", phoneConfirmedAt: new Date() },
    select: { id: true },
  });
  await page.goto(`/quan-tri/nguoi-dung/${learner.id}`);
  await expect(page.getByText("Số điện thoại này đã từ chối nhận tin nhắn: hãy cấp mã mới và đọc mã cho người dùng.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Gửi mã thiết lập mới qua SMS" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cấp mã thiết lập mới" })).toBeVisible();
});

test.describe("with JavaScript", () => {
  test.use({ javaScriptEnabled: true });

  test("the outbox page and the opt-out page have no serious accessibility problem", async ({ page, signInAs }) => {
    const { phone: admin, ward } = await createWardAdmin("Phường Tin Nhắn Ba", "Cán Bộ Tin Nhắn Ba");
    const address = phone();
    await queueInvitation(address, ward.id);
    await signInAs(admin);
    await page.goto("/quan-tri/tin-nhan");
    await expect(page.getByTestId("outbox-messages").getByRole("listitem")).toHaveCount(1);
    await expectAccessible(page);
    await page.context().clearCookies();
    await page.goto(`/tu-choi/${(await optOutTokens([address])).get(address)}`);
    await expectAccessible(page);
  });
});
