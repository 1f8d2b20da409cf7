import { rmSync } from "node:fs";

import Database from "better-sqlite3";

import { SIGN_IN_LIMIT } from "#app/models/sign-in-attempt.server";

import { expect, test } from "./fixtures";
import { makeWardAdmin, postTo, serverSandbox, signUpOn, startAppServer, wardIdOf } from "./app-server";

// Guessing passwords and codes, and what a set-up code does to the sessions of the account it
// takes over, on a server of its own: its limits must not lock out the suite's shared server.
// TRUST_PROXY lets each test speak from an address of its own (X-Forwarded-For).

test.describe.configure({ mode: "serial" });

let sandbox: Awaited<ReturnType<typeof serverSandbox>>;
let stop: (() => void) | undefined;

test.beforeAll(async () => {
  // Migrating and starting a server of its own while the suite's other workers start theirs.
  test.setTimeout(180_000);
  sandbox = await serverSandbox("plte-takeover-");
  const server = await startAppServer({ ...sandbox.env, TRUST_PROXY: "loopback" });
  stop = () => server.kill("SIGTERM");
});

test.afterAll(() => {
  stop?.();
  rmSync(sandbox.dir, { recursive: true, force: true });
});

function post(target: string, fields: Record<string, string>, from: string, cookie = "") {
  return fetch(`${sandbox.base}${target}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: sandbox.base, cookie, "x-forwarded-for": from },
    body: new URLSearchParams(fields),
  });
}

/** True while the cookie's session is signed in: the password page answers instead of sending to sign-in. */
async function signedIn(cookie: string) {
  const response = await fetch(`${sandbox.base}/tai-khoan/mat-khau`, { redirect: "manual", headers: { cookie } });
  return response.status === 200;
}

function userIdOf(phone: string) {
  const db = new Database(sandbox.databaseFile, { readonly: true });
  const { id } = db.prepare(`SELECT "id" FROM "User" WHERE "phone" = ?`).get(`+84${phone.slice(1)}`) as { id: string };
  db.close();
  return id;
}

const PASSWORD = "mat-khau-thu-may-rieng";

test("50 parallel wrong passwords for one account get exactly 10 password checks", async () => {
  const phone = "0966100001";
  await signUpOn(sandbox.base, wardIdOf(sandbox.databaseFile, "HN-HA-DONG"), "Người Bị Dò Mật Khẩu", phone);
  const answers = await Promise.all(Array.from({ length: 50 }, (_, attempt) => post("/dang-nhap", { identifier: phone, password: `sai-${attempt}` }, `10.9.0.${attempt}`)));
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 429)).toHaveLength(50 - SIGN_IN_LIMIT.attempts);
  // The account stays locked for the right password too, from yet another address.
  expect((await post("/dang-nhap", { identifier: phone, password: PASSWORD }, "10.9.1.1")).status).toBe(429);
});

test("an account's phone and email share one limit", async () => {
  const phone = "0966100002";
  const email = "chung-gioi-han@example.vn";
  const form = new URLSearchParams({
    fullName: "Người Hai Cách Đăng Nhập",
    phone,
    email,
    password: PASSWORD,
    unitId: wardIdOf(sandbox.databaseFile, "HN-HA-DONG"),
    targetGroup: "HH",
    consent: "on",
  });
  expect((await postTo(sandbox.base, "/dang-ky", "", form)).status).toBe(302);
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    const identifier = attempt % 2 === 0 ? phone : email;
    expect((await post("/dang-nhap", { identifier, password: "sai" }, `10.9.2.${attempt}`)).status).not.toBe(429);
  }
  expect((await post("/dang-nhap", { identifier: email, password: PASSWORD }, "10.9.3.1")).status).toBe(429);
});

test("the current password on the password page is limited like a sign-in", async () => {
  const phone = "0966100003";
  const cookie = await signUpOn(sandbox.base, wardIdOf(sandbox.databaseFile, "HN-HA-DONG"), "Người Đổi Mật Khẩu", phone);
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    const wrong = await post("/tai-khoan/mat-khau", { currentPassword: `sai-${attempt}`, newPassword: "mat-khau-moi-rat-dai" }, `10.9.4.${attempt}`, cookie);
    expect(wrong.status).toBe(400);
  }
  const right = await post("/tai-khoan/mat-khau", { currentPassword: PASSWORD, newPassword: "mat-khau-moi-rat-dai" }, "10.9.5.1", cookie);
  expect(right.status).toBe(429);
});

test("set-up code guesses are limited, and a code ends every other session of the account", async () => {
  const wardId = wardIdOf(sandbox.databaseFile, "HN-HA-DONG");
  const adminCookie = await signUpOn(sandbox.base, wardId, "Cán Bộ Cấp Mã", "0966100004");
  makeWardAdmin(sandbox.databaseFile, "0966100004");
  const phone = "0966100005";
  const oldDevice = await signUpOn(sandbox.base, wardId, "Chủ Tài Khoản Thật", phone);
  const userId = userIdOf(phone);

  const issued = await post(`/quan-tri/nguoi-dung/${userId}`, { intent: "reissue-code" }, "10.9.6.1", adminCookie);
  expect(issued.status).toBe(200);
  const code = /class="setup-card__code">([A-Z2-9]{8})</.exec(await issued.text())?.[1];
  expect(code).toBeTruthy();
  expect(await signedIn(oldDevice), "issuing a code signs the account out everywhere").toBe(false);

  // Someone who still knows the old password signs in again before the owner uses the code.
  const squatter = await post("/dang-nhap", { identifier: phone, password: PASSWORD }, "10.9.6.2");
  const squatterCookie = squatter.headers.get("set-cookie")!.split(";")[0]!;
  expect(await signedIn(squatterCookie)).toBe(true);

  const owner = await post("/thiet-lap", { phone, code: code!, password: "mat-khau-cua-chu-that" }, "10.9.6.3");
  expect(owner.status).toBe(302);
  expect(await signedIn(owner.headers.get("set-cookie")!.split(";")[0]!)).toBe(true);
  expect(await signedIn(squatterCookie), "the code's use signs out every other session").toBe(false);

  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    expect((await post("/thiet-lap", { phone, code: `SAI${attempt}XYZ`, password: "mat-khau-doan-ma" }, `10.9.7.${attempt}`)).status).toBe(400);
  }
  expect((await post("/thiet-lap", { phone, code: "ZZZZZZZZ", password: "mat-khau-doan-ma" }, "10.9.8.1")).status).toBe(429);
});

test("a ward admin cannot issue a set-up code for another admin of the ward", async () => {
  const wardId = wardIdOf(sandbox.databaseFile, "HN-HA-DONG");
  const adminCookie = await signUpOn(sandbox.base, wardId, "Cán Bộ Thứ Nhất", "0966100006");
  makeWardAdmin(sandbox.databaseFile, "0966100006");
  const peerCookie = await signUpOn(sandbox.base, wardId, "Cán Bộ Thứ Hai", "0966100007");
  makeWardAdmin(sandbox.databaseFile, "0966100007");

  const page = await fetch(`${sandbox.base}/quan-tri/nguoi-dung/${userIdOf("0966100007")}`, { headers: { cookie: adminCookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).not.toContain('value="reissue-code"');
  const issued = await post(`/quan-tri/nguoi-dung/${userIdOf("0966100007")}`, { intent: "reissue-code" }, "10.9.9.1", adminCookie);
  expect(issued.status).toBe(403);
  expect(await signedIn(peerCookie)).toBe(true);
});
