import type { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import { DAY } from "#app/utils/dates";

import { scopeOn, unitInScope } from "./scope.server";

export type RetentionRules = {
  /** Roster entries that left the population more than this many years ago are removed. */
  leftYears: number;
  /** Accounts never activated are removed this many days after their set-up code expired. */
  setupGraceDays: number;
  /** Limits the purge to one unit's subtree (a ward's own clean-up); the whole database when absent. */
  unitPath?: string;
};

async function dueWhere(rules: RetentionRules, now: Date) {
  const leftBefore = new Date(now);
  leftBefore.setUTCFullYear(leftBefore.getUTCFullYear() - rules.leftYears);
  // A merged-away entry is purged with the rest, so the scope is every entry's unit, merged or not.
  const unit = rules.unitPath ? unitInScope(await scopeOn(rules.unitPath, now)) : {};
  const roster: Prisma.RosterEntryWhereInput = { leftAt: { lt: leftBefore }, ...unit };
  // Never activated: no password was ever set, and the code that would have set one is long dead.
  const accounts: Prisma.UserWhereInput = {
    passwordHash: null,
    erasedAt: null,
    setupCodeHash: { not: null },
    setupExpiresAt: { lt: new Date(now.getTime() - rules.setupGraceDays * DAY) },
    ...unit,
  };
  return { roster, accounts, leftBefore };
}

/**
 * What the retention rules remove now: roster entries that left long ago (with their
 * qualifications and attendance, which frozen reports keep as counted figures) and accounts a
 * ward created that nobody ever activated. Dry by default; `apply` deletes, set-based, in one
 * transaction.
 */
export async function applyRetention(rules: RetentionRules, options: { apply: boolean; now?: Date }) {
  const now = options.now ?? new Date();
  const where = await dueWhere(rules, now);
  return prisma.$transaction(async (tx) => {
    const [rosterEntries, accounts] = await Promise.all([tx.rosterEntry.count({ where: where.roster }), tx.user.count({ where: where.accounts })]);
    if (options.apply) {
      await tx.rosterEntry.deleteMany({ where: where.roster });
      await tx.user.deleteMany({ where: where.accounts });
    }
    return { rosterEntries, accounts, leftBefore: where.leftBefore, applied: options.apply };
  });
}
