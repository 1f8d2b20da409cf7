import { randomUUID } from "node:crypto";

import { beforeAll, expect, test } from "vitest";

import { createDistrict, createUser } from "#tests/fixtures/units";
import { prisma } from "#app/utils/db.server";

import { attemptKeysFor, giveBackAttempt, SIGN_IN_LIMIT, takeAttempt, type AttemptKeys } from "./sign-in-attempt.server";

const unique = () => randomUUID();
const keys = (account = `identifier:${unique()}`, address = `addr-${unique()}`): AttemptKeys => ({ account, address: `address:${address}` });

let wardId: string;
beforeAll(async () => {
  wardId = (await createDistrict()).vanPhuc.id;
});

async function takeTimes(times: number, keysOf: (attempt: number) => AttemptKeys, now = new Date()) {
  const allowed: boolean[] = [];
  for (let attempt = 0; attempt < times; attempt++) allowed.push(await takeAttempt(keysOf(attempt), now));
  return allowed;
}

test("an account is locked after 10 failures in 15 minutes, from any address", async () => {
  const account = `identifier:+849${unique()}`;
  const allowed = await takeTimes(SIGN_IN_LIMIT.attempts, (attempt) => keys(account, `10.0.0.${attempt}`));
  expect(allowed.every(Boolean)).toBe(true);
  expect(await takeAttempt(keys(account, "10.0.1.1"))).toBe(false);
});

test("an address is locked after 10 failures, whichever accounts it tried", async () => {
  const address = unique();
  await takeTimes(SIGN_IN_LIMIT.attempts, () => keys(undefined, address));
  expect(await takeAttempt(keys(undefined, address))).toBe(false);
  expect(await takeAttempt(keys())).toBe(true);
});

test("failures older than the window no longer count", async () => {
  const account = `identifier:${unique()}`;
  const then = new Date(Date.now() - (SIGN_IN_LIMIT.windowMinutes + 1) * 60_000);
  await takeTimes(SIGN_IN_LIMIT.attempts, () => keys(account), then);
  expect(await takeAttempt(keys(account), then)).toBe(false);
  expect(await takeAttempt(keys(account))).toBe(true);
});

test("50 parallel attempts get exactly 10 checks", async () => {
  const account = `identifier:${unique()}`;
  const allowed = await Promise.all(Array.from({ length: 50 }, () => takeAttempt(keys(account))));
  expect(allowed.filter(Boolean)).toHaveLength(SIGN_IN_LIMIT.attempts);
});

test("a right password gives its attempt back: successes never lock an account", async () => {
  const attempt = keys();
  for (let signIn = 0; signIn < SIGN_IN_LIMIT.attempts * 2; signIn++) {
    expect(await takeAttempt(attempt)).toBe(true);
    await giveBackAttempt(attempt);
  }
});

test("an account's phone and email spend one budget; an unknown identifier has its own", async () => {
  const user = await createUser({ unitId: wardId });
  const email = `${unique()}@example.vn`;
  await prisma.user.update({ where: { id: user.id }, data: { email }, select: { id: true } });

  const byPhone = await attemptKeysFor({ phone: user.phone }, "10.1.0.1");
  const byEmail = await attemptKeysFor({ email }, "10.1.0.2");
  const byId = await attemptKeysFor({ userId: user.id }, "10.1.0.3");
  expect(byPhone.account).toBe(byEmail.account);
  expect(byId.account).toBe(byPhone.account);

  await takeTimes(SIGN_IN_LIMIT.attempts / 2, () => byPhone);
  await takeTimes(SIGN_IN_LIMIT.attempts / 2, () => byEmail);
  expect(await takeAttempt(byId)).toBe(false);

  const nobody = await attemptKeysFor({ phone: "+84900000000" }, "10.1.0.4");
  expect(nobody.account).toBe("identifier:+84900000000");
});
