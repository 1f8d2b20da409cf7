import { targetGroupLabels } from "#app/content/target-groups.server";
import type { Lang } from "#app/i18n/lang";
import { translate, type MessageKey } from "#app/i18n/messages";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";
import { formatDate } from "#app/utils/dates";
import { formatPhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { recordQualifications } from "./qualification.server";
import type { RosterRow } from "./roster-file.server";

/** What an import writes of a row: everything but where it stood in the file. */
type RosterEntryInput = Omit<RosterRow, "line">;

/** The ward, already resolved in the admin's scope by the caller, and the target group. */
type ImportTarget = { unitId: string; targetGroup: string };

/**
 * Imports a checked roster into one ward and group, all rows or none. An entry already on the
 * roster (same external id, else phone, else tax code) is updated, not duplicated; entries are
 * matched to accounts by phone and qualify at once for what their person has completed.
 */
export async function importRoster(admin: AdminUser, target: ImportTarget, rows: RosterEntryInput[]) {
  const phones = rows.flatMap((row) => (row.phone ? [row.phone] : []));
  // An account whose phone is not confirmed may be somebody else's sign-up with this phone.
  const users = await prisma.user.findMany({ where: { phone: { in: phones }, phoneConfirmedAt: { not: null } }, select: { id: true, phone: true } });
  const userByPhone = new Map(users.map((user) => [user.phone, user.id]));

  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.rosterEntry.findMany({
        where: { unitId: target.unitId, targetGroup: target.targetGroup },
        select: { id: true, phone: true, taxCode: true, externalId: true },
      });
      const byKey = new Map<string, string>();
      for (const entry of existing) {
        if (entry.externalId) byKey.set(`x:${entry.externalId}`, entry.id);
        if (entry.phone) byKey.set(`p:${entry.phone}`, entry.id);
        if (entry.taxCode) byKey.set(`t:${entry.taxCode}`, entry.id);
      }
      let created = 0;
      let updated = 0;
      const matchedUsers = new Set<string>();
      for (const row of rows) {
        const id = (row.externalId && byKey.get(`x:${row.externalId}`)) || (row.phone && byKey.get(`p:${row.phone}`)) || (row.taxCode && byKey.get(`t:${row.taxCode}`)) || null;
        const userId = row.phone ? (userByPhone.get(row.phone) ?? null) : null;
        const data = { name: row.name, phone: row.phone, taxCode: row.taxCode, externalId: row.externalId, searchName: foldForSearch(row.name), userId, leftAt: null };
        if (id) {
          await tx.rosterEntry.update({ where: { id }, data, select: { id: true } });
          // On the roster again: its qualifications count again.
          await tx.qualification.updateMany({ where: { rosterEntryId: id, leftAt: { not: null } }, data: { leftAt: null } });
          updated++;
        } else {
          await tx.rosterEntry.create({ data: { ...data, ...target }, select: { id: true } });
          created++;
        }
        if (userId) matchedUsers.add(userId);
      }
      for (const userId of matchedUsers) await recordQualifications(tx, userId);
      await audit(tx, {
        actorId: admin.id,
        action: "roster.import",
        targetType: "unit",
        targetId: target.unitId,
        details: { targetGroup: target.targetGroup, created, updated, matched: matchedUsers.size },
      });
      return { created, updated, matched: matchedUsers.size };
    },
    { timeout: 60_000 },
  );
}

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

type ListedRow = {
  id: string;
  name: string;
  phone: string | null;
  targetGroup: string;
  userId: string | null;
  leftAt: Date | null;
  unit: { name: string };
};

/** A roster entry as the admin lists show it, with its group's label in the reader's language. */
export function toListedEntry(entry: ListedRow, groupLabels: Record<string, string>) {
  return {
    id: entry.id,
    name: entry.name,
    phone: entry.phone ? formatPhone(entry.phone) : "",
    ward: entry.unit.name,
    group: groupLabels[entry.targetGroup] ?? entry.targetGroup,
    hasAccount: entry.userId !== null,
    leftOn: entry.leftAt ? formatDate(entry.leftAt) : null,
  };
}

/** Roster entries as the columns of an export, in the reader's language. */
export function rosterEntrySheet(entries: ListedRow[], lang: Lang) {
  const t = (key: MessageKey) => translate(lang, key);
  const groups = targetGroupLabels(lang);
  return {
    header: [t("roster.name"), t("form.phone"), t("form.ward"), t("roster.group"), t("roster.account"), t("roster.leftAtHeader")],
    rows: entries.map((entry) => {
      const listed = toListedEntry(entry, groups);
      return [listed.name, listed.phone, listed.ward, listed.group, t(listed.hasAccount ? "roster.matched" : "roster.unmatched"), listed.leftOn ?? ""];
    }),
  };
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

/** Takes back "Đã rời đi": the entry counts again, as if it had never left. */
export async function undoRosterEntryLeft(admin: AdminUser, entryId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, leftAt: { not: null }, unit: { path: { startsWith: admin.unitPath } } },
      data: { leftAt: null },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt: null } });
    await audit(tx, { actorId: admin.id, action: "roster.undo-left", targetType: "rosterEntry", targetId: entryId });
    return true;
  });
}
