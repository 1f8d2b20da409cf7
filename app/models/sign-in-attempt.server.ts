import { prisma } from "#app/utils/db.server";

export const SIGN_IN_LIMIT = { attempts: 10, windowMinutes: 15 };

function attemptKeys(identifier: string, clientAddress: string) {
  return [`account:${identifier}`, `address:${clientAddress}`];
}

/**
 * True when either the account identifier or the client address has used up its failed
 * attempts in the window. The identifier is counted whether or not an account exists, so the
 * answer gives no hint about which accounts exist.
 */
export async function isSignInLimited(identifier: string, clientAddress: string, now = new Date()) {
  const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  for (const key of attemptKeys(identifier, clientAddress)) {
    const recent = await prisma.signInAttempt.count({ where: { key, createdAt: { gt: since } } });
    if (recent >= SIGN_IN_LIMIT.attempts) return true;
  }
  return false;
}

export async function recordFailedSignIn(identifier: string, clientAddress: string, now = new Date()) {
  const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  await prisma.$transaction([
    // Old attempts no longer count; dropping them here keeps the table small without a job.
    prisma.signInAttempt.deleteMany({ where: { createdAt: { lte: since } } }),
    prisma.signInAttempt.createMany({
      data: attemptKeys(identifier, clientAddress).map((key) => ({ key, createdAt: now })),
    }),
  ]);
}
