import { timingSafeEqual } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { hashPassword, verifyPassword } from "#app/utils/auth.server";
import { isUniqueViolation, prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { confirmPhone } from "./phone-confirmation.server";
import { hashSetupCode } from "./setup-code.server";
import { findWardInForce } from "./unit.server";

type AccountConflict = "phone_taken" | "email_taken";

export type NewAccount = {
  fullName: string;
  phone: string;
  email: string | null;
  unitId: string;
  targetGroup: string;
};

/** Which of the account's unique identifiers already belongs to somebody else, if any. */
export async function findConflict(tx: Prisma.TransactionClient, phone: string, email: string | null) {
  const samePhone = await tx.user.findUnique({ where: { phone }, select: { id: true } });
  if (samePhone) return "phone_taken" as const;
  if (email) {
    const sameEmail = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (sameEmail) return "email_taken" as const;
  }
  return null;
}

export type CreateResult<T> = { ok: true; value: T } | { ok: false; error: AccountConflict | "unknown_ward" };

/**
 * Self-service sign-up: the learner chooses their ward, target group and password. Anybody can
 * type any phone, so the account is matched to the roster only once its phone is confirmed.
 */
export async function signUp(account: NewAccount & { password: string }): Promise<CreateResult<{ id: string }>> {
  const { password, ...fields } = account;
  if (!(await findWardInForce(fields.unitId))) return { ok: false, error: "unknown_ward" };
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      const conflict = await findConflict(tx, fields.phone, fields.email);
      if (conflict) return { ok: false, error: conflict } as const;
      const user = await tx.user.create({
        data: { ...fields, searchName: foldForSearch(fields.fullName), passwordHash },
        select: { id: true },
      });
      return { ok: true, value: { id: user.id } } as const;
    });
  } catch (error) {
    // Two sign-ups racing for one phone: the database's unique index decides.
    if (isUniqueViolation(error)) return { ok: false, error: "phone_taken" };
    throw error;
  }
}

/** Finds the account for a phone number or an email address and checks its password. */
export async function verifySignIn(identifier: { phone: string } | { email: string }, password: string) {
  const user = await prisma.user.findUnique({
    where: "phone" in identifier ? { phone: identifier.phone } : { email: identifier.email },
    select: { id: true, passwordHash: true, phoneConfirmedAt: true },
  });
  // Hash anyway when there is no account, so the response time does not reveal which exist.
  if (!user?.passwordHash) {
    await hashPassword(password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id, phoneConfirmed: user.phoneConfirmedAt !== null } : null;
}

export async function changePassword(userId: string, currentPassword: string, newPassword: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  return true;
}

/**
 * First sign-in of an account an admin created, or taking an account back through the ward: a
 * valid, unexpired code sets the password, is used up and ends every session of the account (a
 * device that knew the old password, or someone who took the phone, is signed out). The ward
 * handed the code to the phone's holder, so the phone is confirmed too: this is how the owner of a
 * phone somebody else signed up with takes the account back. Returns the user's id, or null for a
 * wrong, expired or used code.
 */
export async function completeSetup(phone: string, code: string, password: string, now = new Date()) {
  const user = await prisma.user.findUnique({
    where: { phone },
    select: { id: true, setupCodeHash: true, setupExpiresAt: true },
  });
  if (!user?.setupCodeHash || !user.setupExpiresAt || user.setupExpiresAt <= now) return null;
  if (!timingSafeEqual(Buffer.from(user.setupCodeHash, "hex"), hashSetupCode(code))) return null;
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    // The code in the where clause makes a second, concurrent use of the same code update nothing.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, setupCodeHash: user.setupCodeHash },
      data: { passwordHash, setupCodeHash: null, setupExpiresAt: null },
    });
    if (count !== 1) return null;
    await tx.session.deleteMany({ where: { userId: user.id } });
    await confirmPhone(tx, user.id, now);
    return { id: user.id };
  });
}
