import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";

import { hashPassword } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, expect, sessionCookieFor, test } from "./fixtures";

// The fake SMS gateway writes every text message the server sends to this file (playwright.config.ts).
const SMS_FILE = process.env.SMS_FILE ?? "";

/** The 6-digit code in the newest text message sent to this phone (0xxxxxxxxx). */
async function latestCodeSentTo(phone: string) {
  const to = `+84${phone.slice(1)}`;
  let code = "";
  await expect
    .poll(() => {
      if (!existsSync(SMS_FILE)) return "";
      const messages = readFileSync(SMS_FILE, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { to: string; text: string })
        .filter((message) => message.to === to);
      code = /\b(\d{6})\b/.exec(messages.at(-1)?.text ?? "")?.[1] ?? "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

/** The admin's roster page in a browser of its own. */
async function rosterAsAdmin(browser: Browser, adminPhone: string, baseURL: string) {
  const context = await browser.newContext();
  await context.addCookies([await sessionCookieFor(adminPhone, baseURL)]);
  const page = await context.newPage();
  await page.goto("/quan-tri/danh-sach");
  return page;
}

const newPhone = () => `03${randomInt(10_000_000, 99_999_999)}`;

async function sendCode(page: Page) {
  await page.getByRole("button", { name: "Gửi mã" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi mã đến số");
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Bước 2: nhập mã xác nhận").fill(code);
  await page.getByRole("button", { name: "Xác nhận", exact: true }).click();
}

test("a learner who signs up with a phone on a ward's roster is counted only after entering the code sent to it", async ({ page, browser, baseURL }) => {
  const { phone: adminPhone, ward } = await createWardAdmin("Phường Xác Nhận Số", "Cán Bộ Xác Nhận Số");
  const phone = newPhone();
  const name = "Hộ bà Chủ Số Thật";
  await prisma.rosterEntry.create({
    data: { unitId: ward.id, targetGroup: "HH", name, searchName: foldForSearch(name), phone: `+84${phone.slice(1)}` },
    select: { id: true },
  });

  await page.goto("/dang-ky");
  await page.getByLabel("Họ và tên").fill("Lê Thị Chủ Số");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-chu-so");
  await page.getByLabel("Phường").selectOption({ label: ward.name });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();

  await expect(page.getByRole("heading", { name: "Xác nhận số điện thoại", level: 1 })).toBeVisible();
  await expect(page.getByText("chưa được xác nhận", { exact: false })).toBeVisible();

  const admin = await rosterAsAdmin(browser, adminPhone, baseURL ?? "");
  const entry = admin.getByRole("listitem").filter({ hasText: name });
  await expect(entry).toContainText("chưa có tài khoản");

  await sendCode(page);
  await enterCode(page, await latestCodeSentTo(phone));
  await expect(page.getByRole("status")).toHaveText("Cảm ơn anh/chị, số điện thoại đã được xác nhận.");

  await admin.reload();
  await expect(entry).toContainText("đã có tài khoản");
  await admin.context().close();
});

test("a code entered wrongly 5 times is locked, even for the right code; sign-in keeps asking for confirmation", async ({ page }) => {
  const phone = newPhone();
  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
  await prisma.user.create({
    data: {
      fullName: "Người Đoán Mã",
      searchName: "nguoi doan ma",
      phone: `+84${phone.slice(1)}`,
      unitId: ward.id,
      targetGroup: "HH",
      passwordHash: await hashPassword("mat-khau-doan-ma"),
    },
    select: { id: true },
  });

  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-doan-ma");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/tai-khoan\/so-dien-thoai$/);
  await expect(page.getByText("chưa được xác nhận", { exact: false })).toBeVisible();

  await sendCode(page);
  const right = await latestCodeSentTo(phone);
  const wrong = right === "000000" ? "111111" : "000000";
  for (let attempt = 1; attempt < 5; attempt++) {
    await enterCode(page, wrong);
    await expect(page.locator("#field-code-error")).toContainText("Mã không đúng.");
  }
  await enterCode(page, wrong);
  await expect(page.locator("#field-code-error")).toContainText("Mã này đã bị khóa vì nhập sai 5 lần.");
  await enterCode(page, right);
  await expect(page.locator("#field-code-error")).toContainText("Mã này đã bị khóa vì nhập sai 5 lần.");

  await page.reload();
  await expect(page.getByText("chưa được xác nhận", { exact: false })).toBeVisible();
});

test("a ward admin confirms a self-registered learner's phone from their page; another ward's admin cannot", async ({ page, signInAs, baseURL }) => {
  const { phone: adminPhone, ward } = await createWardAdmin("Phường Cán Bộ Xác Nhận", "Cán Bộ Gặp Trực Tiếp");
  const { phone: otherAdminPhone } = await createWardAdmin("Phường Bên Cạnh", "Cán Bộ Phường Khác");
  const phone = newPhone();
  const name = "Hộ ông Đến Phường";
  const e164 = `+84${phone.slice(1)}`;
  const entry = await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name, searchName: foldForSearch(name), phone: e164 }, select: { id: true } });
  const learner = await prisma.user.create({
    data: { fullName: name, searchName: foldForSearch(name), phone: e164, unitId: ward.id, targetGroup: "HH" },
    select: { id: true },
  });

  // Another ward's admin posting the button's form changes nothing.
  const cookie = await sessionCookieFor(otherAdminPhone, baseURL ?? "");
  const outsider = await playwrightRequest.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: { origin: baseURL ?? "", cookie: `${cookie.name}=${cookie.value}` } });
  const refused = await outsider.post(`/quan-tri/nguoi-dung/${learner.id}`, { form: { intent: "confirm-phone" } });
  expect(refused.status()).toBe(404);
  await outsider.dispose();
  expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id }, select: { phoneConfirmedAt: true } })).phoneConfirmedAt).toBeNull();

  await signInAs(adminPhone);
  await page.goto(`/quan-tri/nguoi-dung/${learner.id}`);
  await expect(page.getByText("Chưa xác nhận: tài khoản tự đăng ký", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận số điện thoại" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã xác nhận số điện thoại; tài khoản đã được ghép với danh sách của phường.");
  await expect(page.getByRole("button", { name: "Xác nhận số điện thoại" })).toHaveCount(0);

  expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { userId: true } })).userId).toBe(learner.id);
  const audited = await prisma.auditEntry.findMany({ where: { targetId: learner.id, action: "user.confirm-phone" }, select: { id: true } });
  expect(audited).toHaveLength(1);
});
