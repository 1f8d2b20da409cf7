import { randomUUID } from "node:crypto";

import { expect, test } from "vitest";

import { isSignInLimited, recordFailedSignIn, SIGN_IN_LIMIT } from "./sign-in-attempt.server";

const unique = () => randomUUID();

test("an account is locked after 10 failures in 15 minutes, from any address", async () => {
  const account = `+849${unique()}`;
  const now = new Date();
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts - 1; attempt++) {
    await recordFailedSignIn(account, `10.0.0.${attempt}`, now);
  }
  expect(await isSignInLimited(account, "10.0.1.1", now)).toBe(false);
  await recordFailedSignIn(account, "10.0.0.99", now);
  expect(await isSignInLimited(account, "10.0.1.1", now)).toBe(true);
});

test("an address is locked after 10 failures, whichever accounts it tried", async () => {
  const address = `addr-${unique()}`;
  const now = new Date();
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    await recordFailedSignIn(`acct-${unique()}`, address, now);
  }
  expect(await isSignInLimited(`acct-${unique()}`, address, now)).toBe(true);
  expect(await isSignInLimited(`acct-${unique()}`, `addr-${unique()}`, now)).toBe(false);
});

test("failures older than the window no longer count", async () => {
  const account = `acct-${unique()}`;
  const then = new Date(Date.now() - (SIGN_IN_LIMIT.windowMinutes + 1) * 60_000);
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    await recordFailedSignIn(account, `addr-${unique()}`, then);
  }
  expect(await isSignInLimited(account, `addr-${unique()}`, then)).toBe(true);
  expect(await isSignInLimited(account, `addr-${unique()}`, new Date())).toBe(false);
});
