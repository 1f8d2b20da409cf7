import { prisma } from "#app/utils/db.server";

export const SIGN_IN_LIMIT = { attempts: 10, windowMinutes: 15 };

/** The two budgets an attempt spends: its account's and its client address's. */
export type AttemptKeys = { account: string; address: string };

type AccountLookup = { phone: string } | { email: string } | { userId: string };

/**
 * An account's phone and email share one budget. An identifier that no account has gets a
 * budget of its own, so the limit answers alike whether or not an account exists.
 */
export async function attemptKeysFor(lookup: AccountLookup, clientAddress: string): Promise<AttemptKeys> {
  const address = `address:${clientAddress}`;
  if ("userId" in lookup) return { account: `user:${lookup.userId}`, address };
  const user = await prisma.user.findUnique({ where: lookup, select: { id: true } });
  const account = user ? `user:${user.id}` : `identifier:${"phone" in lookup ? lookup.phone : lookup.email}`;
  return { account, address };
}

/**
 * Spends one attempt from both budgets before the password or code is checked; false when
 * either budget was already spent in the window. Counting and checking are one upsert per
 * budget, so parallel requests cannot all pass a check made before any of them was counted.
 */
export async function takeAttempt(keys: AttemptKeys, now = new Date()) {
  const windowEnded = new Date(now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  // Finished windows are dropped here, which keeps the table small without a job.
  await prisma.$executeRaw`DELETE FROM "SignInBudget" WHERE "windowStart" <= ${windowEnded}`;
  let allowed = true;
  for (const key of [keys.account, keys.address]) {
    const [budget] = await prisma.$queryRaw<{ count: number | bigint }[]>`
      INSERT INTO "SignInBudget" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
      ON CONFLICT ("key") DO UPDATE SET "count" = "SignInBudget"."count" + 1
      RETURNING "count"`;
    if (Number(budget?.count ?? 0) > SIGN_IN_LIMIT.attempts) allowed = false;
  }
  return allowed;
}

/** A right password or code gives its attempt back: only failures count against the limit. */
export async function giveBackAttempt(keys: AttemptKeys) {
  await prisma.$executeRaw`
    UPDATE "SignInBudget" SET "count" = "count" - 1
    WHERE "key" IN (${keys.account}, ${keys.address}) AND "count" > 0`;
}
