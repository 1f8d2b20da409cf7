import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { isUniqueViolation, prisma } from "#app/utils/db.server";
import { publicUrl } from "#app/utils/env.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";
import type { Role } from "#app/utils/roles";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { enqueueMessage } from "./outbox/enqueue.server";
import { matchRosterToUser } from "./qualification.server";
import { findWardInScope, isInScope, scopeOn, unitInScope, type Scope } from "./scope.server";
import { newSetupCode, setupCodeFields } from "./setup-code.server";
import { findConflict, type CreateResult, type NewAccount } from "./user.server";

// Administration: every query in this file is limited to the administrator's unit subtree. ---

const USER_LIST_PAGE_SIZE = 25;

export async function listUsersInScope(admin: AdminUser, query: string, page: number) {
  // A deleted account's row stays only to keep its training counted: it is nobody to list.
  const where: Prisma.UserWhereInput = { ...unitInScope(await scopeOn(admin.unitPath)), erasedAt: null, ...nameOrPhoneFilter(query) };
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
  if (!(await findWardInScope(admin.unitPath, account.unitId, now))) return { ok: false, error: "unknown_ward" };
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
 * scope (the one scope rule: a new ward's admin for the learners of the former wards it took
 * over), and for another administrator only from a strictly higher unit: never for a peer of
 * the same ward, for themselves, or for anyone above them.
 */
export function maySetUpAccount(adminUnitPath: string, scope: Scope, account: { role: string; unitId: string; unitPath: string }) {
  if (!isInScope(scope, account.unitId)) return false;
  return account.role === "learner" || (account.unitPath.startsWith(adminUnitPath) && account.unitPath !== adminUnitPath);
}

/**
 * A new set-up code for a user who never set a password or has forgotten it. Every session of
 * the account ends: whoever holds it now must use the code. Null when the admin may not (or the
 * user is outside the admin's scope). `bySms`: the code goes to the account's phone through the
 * outbox, in the same transaction, instead of being read out.
 */
export async function reissueSetupCode(admin: AdminUser, userId: string, now = new Date(), { bySms = false } = {}) {
  const scope = await scopeOn(admin.unitPath, now);
  const user = await findUserInScope(admin, userId);
  if (!user || !maySetUpAccount(admin.unitPath, scope, { role: user.role, unitId: user.unitId, unitPath: user.unit.path })) return null;
  const setupCode = newSetupCode();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: setupCodeFields(setupCode, now), select: { id: true } });
    await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId: admin.id, action: "user.reissue-setup-code", targetType: "user", targetId: userId, ...(bySms ? { details: { bySms } } : {}) });
    if (bySms) {
      await enqueueMessage(tx, {
        recipientUserId: userId,
        to: { channel: "sms", address: user.phone },
        template: "setup-code",
        variables: { code: setupCode, url: `${publicUrl}/thiet-lap` },
        idempotencyKey: `setup-code:${userId}:${now.getTime()}`,
        unitId: user.unitId,
      });
    }
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
    where: { id: change.unitId, level: { in: UNIT_LEVELS_OF_ROLE[change.role] }, validTo: null },
    select: { id: true },
  });
  if (!unit || !isInScope(await scopeOn(admin.unitPath), unit.id)) return { ok: false as const, error: "unit_mismatch" as const };
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

const BULK_ACCOUNTS_LIMIT = 500;

/**
 * Accounts for the roster entries of one ward and group that have a phone and no account yet,
 * each with a one-time set-up code to hand out at a ward meeting. All or none, in one
 * transaction; at most BULK_ACCOUNTS_LIMIT at a time.
 */
export async function createAccountsFromRoster(admin: AdminUser, target: { unitId: string; targetGroup: string }, now = new Date()) {
  if (!(await findWardInScope(admin.unitPath, target.unitId, now))) return null;
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
