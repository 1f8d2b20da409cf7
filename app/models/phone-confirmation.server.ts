import { createHash, randomInt, timingSafeEqual } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import type { Lang } from "#app/i18n/lang";
import { translate } from "#app/i18n/messages";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { getSmsSender, type SmsSender } from "#app/utils/sms.server";

import { audit } from "./audit.server";
import { matchRosterToUser } from "./qualification.server";
import { scopeOn, unitInScope } from "./scope.server";

/**
 * A code is 6 digits, lives 10 minutes and takes 5 tries; only an account's newest code counts.
 * Sending is limited per phone (an SMS costs money and wakes somebody up) and per client address.
 */
export const PHONE_CODE = { digits: 6, validMinutes: 10, tries: 5, perPhonePerHour: 3, perAddressPerHour: 10 };

const HOUR_MS = 3_600_000;

function hashCode(userId: string, code: string) {
  return createHash("sha256").update(`${userId}:${code}`).digest();
}

/**
 * Marks the account's phone confirmed and matches it to the roster entries with that phone, in
 * the caller's transaction. False when it was confirmed already (nothing to do).
 */
export async function confirmPhone(tx: Prisma.TransactionClient, userId: string, now: Date) {
  const { count } = await tx.user.updateMany({ where: { id: userId, phoneConfirmedAt: null }, data: { phoneConfirmedAt: now } });
  if (count === 0) return false;
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, phone: true } });
  await matchRosterToUser(tx, user);
  return true;
}

export async function getPhoneConfirmation(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { phone: true, phoneConfirmedAt: true } });
  return user ? { phone: user.phone, confirmed: user.phoneConfirmedAt !== null } : null;
}

type RequestResult = { ok: true; phone: string } | { ok: false; error: "confirmed" | "limited" | "not_sent" };

/** Sends a new code to the account's phone, in the reader's language, unless a limit is reached. */
export async function requestPhoneCode(
  request: { userId: string; clientAddress: string; lang: Lang },
  sender: SmsSender = getSmsSender(),
  now = new Date(),
): Promise<RequestResult> {
  const { userId, clientAddress, lang } = request;
  const code = String(randomInt(10 ** PHONE_CODE.digits)).padStart(PHONE_CODE.digits, "0");
  const since = new Date(now.getTime() - HOUR_MS);
  const issued = await prisma.$transaction(async (tx) => {
    // Written first: the account's row lock makes two requests for one phone count one after the other.
    const user = await tx.user.update({ where: { id: userId }, data: { updatedAt: now }, select: { phone: true, phoneConfirmedAt: true } });
    if (user.phoneConfirmedAt) return "confirmed" as const;
    // Codes older than the window count for nothing; dropping them here keeps the table small.
    await tx.phoneCode.deleteMany({ where: { createdAt: { lte: since } } });
    const [byPhone, byAddress] = await Promise.all([
      tx.phoneCode.count({ where: { phone: user.phone, createdAt: { gt: since } } }),
      tx.phoneCode.count({ where: { clientAddress, createdAt: { gt: since } } }),
    ]);
    if (byPhone >= PHONE_CODE.perPhonePerHour || byAddress >= PHONE_CODE.perAddressPerHour) return "limited" as const;
    return tx.phoneCode.create({
      data: {
        userId,
        phone: user.phone,
        clientAddress,
        codeHash: hashCode(userId, code).toString("hex"),
        expiresAt: new Date(now.getTime() + PHONE_CODE.validMinutes * 60_000),
        createdAt: now,
      },
      select: { id: true, phone: true },
    });
  });
  if (typeof issued === "string") return { ok: false, error: issued };
  try {
    await sender.send({ to: issued.phone, text: translate(lang, "phone.sms", { code, minutes: PHONE_CODE.validMinutes }), idempotencyKey: issued.id });
  } catch (error) {
    // The code stays counted: a failing gateway is not a reason to allow more sends.
    const reason = error instanceof Error ? error.message : String(error);
    process.stdout.write(`${JSON.stringify({ time: now.toISOString(), level: "error", msg: "sms not sent", reason })}\n`);
    return { ok: false, error: "not_sent" };
  }
  return { ok: true, phone: issued.phone };
}

type VerifyResult = { ok: true } | { ok: false; error: "wrong" | "locked" | "expired" };

/** Checks a code against the account's newest one; the right code confirms the phone. */
export async function verifyPhoneCode(userId: string, code: string, now = new Date()): Promise<VerifyResult> {
  const latest = await prisma.phoneCode.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, codeHash: true, expiresAt: true, usedAt: true },
  });
  if (!latest || latest.usedAt || latest.expiresAt <= now) return { ok: false, error: "expired" };
  // The try is spent before the code is compared, so parallel guesses cannot exceed the limit.
  const tries = await prisma.$transaction(async (tx) => {
    const { count } = await tx.phoneCode.updateMany({
      where: { id: latest.id, usedAt: null, tries: { lt: PHONE_CODE.tries } },
      data: { tries: { increment: 1 } },
    });
    return count === 0 ? null : (await tx.phoneCode.findUniqueOrThrow({ where: { id: latest.id }, select: { tries: true } })).tries;
  });
  if (tries === null) return { ok: false, error: "locked" };
  if (!timingSafeEqual(Buffer.from(latest.codeHash, "hex"), hashCode(userId, code))) {
    return { ok: false, error: tries >= PHONE_CODE.tries ? "locked" : "wrong" };
  }
  await prisma.$transaction(async (tx) => {
    await tx.phoneCode.updateMany({ where: { id: latest.id, usedAt: null }, data: { usedAt: now } });
    await confirmPhone(tx, userId, now);
  });
  return { ok: true };
}

/**
 * The ward vouches for the phone (the person came to the office, or answered a call to it).
 * Null when the account is not in the admin's scope; "already" when there was nothing to do.
 */
export async function confirmPhoneByAdmin(admin: AdminUser, userId: string, now = new Date()) {
  const scope = await scopeOn(admin.unitPath, now);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, ...unitInScope(scope) }, select: { id: true } });
    if (!user) return null;
    if (!(await confirmPhone(tx, user.id, now))) return "already" as const;
    await audit(tx, { actorId: admin.id, action: "user.confirm-phone", targetType: "user", targetId: user.id });
    return "confirmed" as const;
  });
}
