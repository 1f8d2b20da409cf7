import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";

import { audit } from "./audit.server";

export { importRoster } from "./roster-import/import-rows.server";

const ROSTER_PAGE_SIZE = 25;

/** Roster entries in an administrator's scope, searchable by name or phone, in pages (every one for `page` null, for exports). */
export async function listRoster(scopePath: string, query: string, page: number | null) {
  const where = { unit: { path: { startsWith: scopePath } }, ...nameOrPhoneFilter(query) };
  const [entries, total] = await Promise.all([
    prisma.rosterEntry.findMany({
      where,
      select: { id: true, name: true, phone: true, targetGroup: true, userId: true, leftAt: true, unit: { select: { name: true } } },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(page, ROSTER_PAGE_SIZE),
    }),
    prisma.rosterEntry.count({ where }),
  ]);
  return { entries, total, pageCount: pageCount(total, ROSTER_PAGE_SIZE) };
}

/**
 * An entry leaves the population from a date (moved away, business closed): it stops counting
 * in the population and as reached from then on, in the same transaction.
 */
export async function markRosterEntryLeft(admin: AdminUser, entryId: string, leftAt: Date) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, unit: { path: { startsWith: admin.unitPath } } },
      data: { leftAt },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt } });
    await audit(tx, { actorId: admin.id, action: "roster.mark-left", targetType: "rosterEntry", targetId: entryId, details: { leftAt } });
    return true;
  });
}
