import { createHash, randomInt, timingSafeEqual } from "node:crypto";

import { Prisma } from "#app/generated/prisma/client";
import { hashPassword, verifyPassword, type AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { DAY } from "#app/utils/dates";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";
import type { Role } from "#app/utils/roles";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { confirmPhone } from "./phone-confirmation.server";
import { matchRosterToUser } from "./qualification.server";
import { scopeOn, unitInScope } from "./scope.server";
import { findWardInForce } from "./unit.server";

export type AccountConflict = "phone_taken" | "email_taken";

/** The form field each account problem belongs to, for the sign-up and create-account forms. */
export const ACCOUNT_PROBLEM_FIELD = { phone_taken: "phone", email_taken: "email", unknown_ward: "unitId" } as const;

type NewAccount = {
  fullName: string;
  phone: string;
  email: string | null;
  unitId: string;
  targetGroup: string;
};

/** Which of the account's unique identifiers already belongs to somebody else, if any. */
async function findConflict(tx: Prisma.TransactionClient, phone: string, email: string | null) {
  const samePhone = await tx.user.findUnique({ where: { phone }, select: { id: true } });
  if (samePhone) return "phone_taken" as const;
  if (email) {
    const sameEmail = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (sameEmail) return "email_taken" as const;
  }
  return null;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type CreateResult<T> = { ok: true; value: T } | { ok: false; error: AccountConflict | "unknown_ward" };

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

// Set-up codes are read aloud and copied by hand at ward meetings: no 0/O or 1/I/L.
const SETUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const SETUP_CODE_LENGTH = 8;
export const SETUP_CODE_DAYS = 30;

function newSetupCode() {
  return Array.from({ length: SETUP_CODE_LENGTH }, () => SETUP_CODE_ALPHABET[randomInt(SETUP_CODE_ALPHABET.length)]).join("");
}

function hashSetupCode(code: string) {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest();
}

function setupCodeFields(code: string, now: Date) {
  return {
    setupCodeHash: hashSetupCode(code).toString("hex"),
    setupExpiresAt: new Date(now.getTime() + SETUP_CODE_DAYS * DAY),
  };
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

// --- Administration: every query below is limited to the administrator's unit subtree. ---

const USER_LIST_PAGE_SIZE = 25;

export async function listUsersInScope(admin: AdminUser, query: string, page: number) {
  const where: Prisma.UserWhereInput = { ...unitInScope(await scopeOn(admin.unitPath)), ...nameOrPhoneFilter(query) };
  const [users, total] = await Promise.all([
    prisma.user.findMany({
      where,
      select: { id: true, fullName: true, phone: true, role: true, targetGroup: true, unit: { select: { name: true } } },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(page, USER_LIST_PAGE_SIZE),
    }),
    prisma.user.count({ where }),
  ]);
  return { users, total, pageCount: pageCount(total, USER_LIST_PAGE_SIZE) };
}

/** One user inside the administrator's scope; null outside it as for an id nobody has, so no id is confirmed. */
export async function findUserInScope(admin: AdminUser, userId: string) {
  const user = await prisma.user.findFirst({
    where: { id: userId, ...unitInScope(await scopeOn(admin.unitPath)) },
    select: {
      id: true,
      fullName: true,
      phone: true,
      email: true,
      role: true,
      targetGroup: true,
      unitId: true,
      createdAt: true,
      passwordHash: true,
      setupExpiresAt: true,
      phoneConfirmedAt: true,
      unit: { select: { name: true, path: true } },
    },
  });
  if (!user) return null;
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

/**
 * An account waiting for its first sign-in with a set-up code, matched to the roster and audited.
 * Its phone counts as confirmed: the ward knows the person it hands the code to.
 */
async function createAccountWithCode(tx: Prisma.TransactionClient, admin: AdminUser, account: NewAccount, setupCode: string, now: Date) {
  const user = await tx.user.create({
    data: { ...account, searchName: foldForSearch(account.fullName), ...setupCodeFields(setupCode, now), phoneConfirmedAt: now },
    select: { id: true, phone: true },
  });
  await matchRosterToUser(tx, user);
  await audit(tx, {
    actorId: admin.id,
    action: "user.create",
    targetType: "user",
    targetId: user.id,
    details: { unitId: account.unitId, targetGroup: account.targetGroup },
  });
  return user;
}

/** A learner created by an administrator, with a one-time set-up code to hand over. */
export async function createUserByAdmin(admin: AdminUser, account: NewAccount, now = new Date()): Promise<CreateResult<{ id: string; setupCode: string }>> {
  const ward = await findWardInForce(account.unitId, now);
  if (!ward?.path.startsWith(admin.unitPath)) return { ok: false, error: "unknown_ward" };
  const setupCode = newSetupCode();
  try {
    return await prisma.$transaction(async (tx) => {
      const conflict = await findConflict(tx, account.phone, account.email);
      if (conflict) return { ok: false, error: conflict } as const;
      const user = await createAccountWithCode(tx, admin, account, setupCode, now);
      return { ok: true, value: { id: user.id, setupCode } } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "phone_taken" };
    throw error;
  }
}

/**
 * A set-up code takes an account over, so an administrator may issue one for a learner in
 * scope, and for another administrator only from a strictly higher unit: never for a peer of
 * the same ward, for themselves, or for anyone above them.
 */
export function maySetUpAccount(adminUnitPath: string, account: { role: string; unitPath: string }) {
  if (!account.unitPath.startsWith(adminUnitPath)) return false;
  return account.role === "learner" || account.unitPath !== adminUnitPath;
}

/**
 * A new set-up code for a user who never set a password or has forgotten it. Every session of
 * the account ends: whoever holds it now must use the code. Null when the admin may not (or the
 * user is outside the admin's scope).
 */
export async function reissueSetupCode(admin: AdminUser, userId: string, now = new Date()) {
  const user = await findUserInScope(admin, userId);
  if (!user || !maySetUpAccount(admin.unitPath, { role: user.role, unitPath: user.unit.path })) return null;
  const setupCode = newSetupCode();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: setupCodeFields(setupCode, now), select: { id: true } });
    await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId: admin.id, action: "user.setup-code", targetType: "user", targetId: userId });
  });
  return setupCode;
}

// A role's unit is a ward for learners and ward admins, and any unit above the wards for
// district admins: since 1/7/2025 Hà Nội's wards sit directly under the city.
const UNIT_LEVELS_OF_ROLE: Record<Role, string[]> = {
  learner: ["ward", "commune"],
  ward_admin: ["ward", "commune"],
  district_admin: ["district", "city", "province"],
};

/**
 * Changes a user's role or unit. Only district administrators do this ("forbidden" for anyone
 * else), only for users in their scope ("not_found" otherwise, as for an id nobody has) and only
 * to units inside it. Returns "unit_mismatch" when the unit does not fit the role.
 */
export async function changeRoleOrUnit(admin: AdminUser, userId: string, change: { role: Role; unitId: string }) {
  if (admin.role !== "district_admin") return { ok: false as const, error: "forbidden" as const };
  const before = await findUserInScope(admin, userId);
  if (!before) return { ok: false as const, error: "not_found" as const };
  const unit = await prisma.adminUnit.findFirst({
    where: { id: change.unitId, path: { startsWith: admin.unitPath }, level: { in: UNIT_LEVELS_OF_ROLE[change.role] }, validTo: null },
    select: { id: true },
  });
  if (!unit) return { ok: false as const, error: "unit_mismatch" as const };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: change, select: { id: true } });
    await audit(tx, {
      actorId: admin.id,
      action: "user.update",
      targetType: "user",
      targetId: userId,
      details: { from: { role: before.role, unitId: before.unitId }, to: change },
    });
  });
  return { ok: true as const };
}

export const BULK_ACCOUNTS_LIMIT = 500;

/**
 * Accounts for the roster entries of one ward and group that have a phone and no account yet,
 * each with a one-time set-up code to hand out at a ward meeting. All or none, in one
 * transaction; at most BULK_ACCOUNTS_LIMIT at a time.
 */
export async function createAccountsFromRoster(admin: AdminUser, target: { unitId: string; targetGroup: string }, now = new Date()) {
  const ward = await findWardInForce(target.unitId, now);
  if (!ward?.path.startsWith(admin.unitPath)) return null;
  return prisma.$transaction(
    async (tx) => {
      const entries = await tx.rosterEntry.findMany({
        where: { ...target, userId: null, leftAt: null, phone: { not: null } },
        select: { id: true, name: true, phone: true },
        orderBy: { searchName: "asc" },
        take: BULK_ACCOUNTS_LIMIT,
      });
      const created: { name: string; phone: string; setupCode: string }[] = [];
      for (const entry of entries) {
        const phone = entry.phone ?? "";
        if (await tx.user.findUnique({ where: { phone }, select: { id: true } })) continue;
        const setupCode = newSetupCode();
        await createAccountWithCode(tx, admin, { fullName: entry.name, phone, email: null, ...target }, setupCode, now);
        created.push({ name: entry.name, phone, setupCode });
      }
      await audit(tx, {
        actorId: admin.id,
        action: "user.create-from-roster",
        targetType: "unit",
        targetId: target.unitId,
        details: { targetGroup: target.targetGroup, created: created.length },
      });
      return created;
    },
    { timeout: 60_000 },
  );
}
