import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";

import { audit } from "./audit.server";
import { rosterInScope, type Scope } from "./scope.server";

export { importRoster } from "./roster-import/import-rows.server";

const ROSTER_PAGE_SIZE = 25;

/** Roster entries in an administrator's scope, searchable by name or phone, in pages (every one for `page` null, for exports). */
export async function listRoster(scope: Scope, query: string, page: number | null) {
  const where = { ...rosterInScope(scope), ...nameOrPhoneFilter(query) };
  const [entries, total] = await Promise.all([
    prisma.rosterEntry.findMany({
      where,
      select: { id: true, name: true, phone: true, birthYear: true, targetGroup: true, userId: true, leftAt: true, unit: { select: LISTED_UNIT } },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(page, ROSTER_PAGE_SIZE),
    }),
    prisma.rosterEntry.count({ where }),
  ]);
  return { entries, total, pageCount: pageCount(total, ROSTER_PAGE_SIZE) };
}

/** Entries still present per target group in a scope: the populations the report counts for it. */
export async function countRosterByGroup(scope: Scope, asOf = new Date()) {
  const rows = await prisma.rosterEntry.groupBy({
    by: ["targetGroup"],
    where: { ...rosterInScope(scope), OR: [{ leftAt: null }, { leftAt: { gt: asOf } }] },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((row) => [row.targetGroup, row._count._all]));
}

/** What a list of entries shows of their unit: its name, and its dates to tell a former ward by. */
export const LISTED_UNIT = { name: true, validFrom: true, validTo: true } as const;

/**
 * An entry leaves the population from a date (moved away, business closed): it stops counting
 * in the population and as reached from then on, in the same transaction.
 */
export async function markRosterEntryLeft(admin: AdminUser, scope: Scope, entryId: string, leftAt: Date) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, ...rosterInScope(scope) },
      data: { leftAt },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt } });
    await audit(tx, { actorId: admin.id, action: "roster.mark-left", targetType: "rosterEntry", targetId: entryId, details: { leftAt } });
    return true;
  });
}

/** Takes back "Đã rời đi": the entry counts again, as if it had never left. */
export async function undoRosterEntryLeft(admin: AdminUser, scope: Scope, entryId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, leftAt: { not: null }, ...rosterInScope(scope) },
      data: { leftAt: null },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt: null } });
    await audit(tx, { actorId: admin.id, action: "roster.undo-left", targetType: "rosterEntry", targetId: entryId });
    return true;
  });
}
