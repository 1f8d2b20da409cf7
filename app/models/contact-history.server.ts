import { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { audit } from "./audit.server";
import { rosterInScope, sqlInScope, type Scope } from "./scope.server";

/** What a ward did to reach somebody, or what came of it. */
export const CONTACT_KINDS = ["invited", "phoned", "visited", "declined", "moved_away"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** The not-reached list's filter: nobody contacted yet, or the latest contact of one kind. */
export const CONTACT_FILTERS = ["none", ...CONTACT_KINDS] as const;
export type ContactFilter = (typeof CONTACT_FILTERS)[number];

export function isContactKind(value: string): value is ContactKind {
  return (CONTACT_KINDS as readonly string[]).includes(value);
}

/** The roster filter for entries whose latest contact is of a kind, or who have none ("none"). */
export function lastContactFilter(filter: ContactFilter | null) {
  if (!filter) return {};
  return { lastContactKind: filter === "none" ? null : filter };
}

type NewContact = { kind: ContactKind; note: string | null; happenedAt: Date; trainingSessionId?: string | null };

/**
 * Writes contact events for entries already known to be in scope, inside the caller's
 * transaction, and moves each entry's latest contact forward (never back: an older call typed in
 * late leaves a newer invitation as the latest). Set-based, whatever the number of entries.
 */
export async function addContactEvents(tx: Prisma.TransactionClient, actorId: string, rosterEntryIds: string[], contact: NewContact) {
  if (rosterEntryIds.length === 0) return;
  const { kind, note, happenedAt, trainingSessionId = null } = contact;
  await tx.contactEvent.createMany({ data: rosterEntryIds.map((rosterEntryId) => ({ rosterEntryId, kind, note, happenedAt, actorId, trainingSessionId })) });
  await tx.rosterEntry.updateMany({
    where: { id: { in: rosterEntryIds }, OR: [{ lastContactAt: null }, { lastContactAt: { lte: happenedAt } }] },
    data: { lastContactKind: kind, lastContactAt: happenedAt },
  });
}

/** Records one contact with an entry of the admin's scope, audited; false for an entry out of scope or gone. */
export async function recordContact(admin: AdminUser, scope: Scope, rosterEntryId: string, contact: NewContact) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.rosterEntry.findFirst({ where: { id: rosterEntryId, ...rosterInScope(scope) }, select: { id: true } });
    if (!entry) return false;
    await addContactEvents(tx, admin.id, [entry.id], contact);
    await audit(tx, {
      actorId: admin.id,
      action: "roster.contact",
      targetType: "rosterEntry",
      targetId: entry.id,
      details: { kind: contact.kind, happenedAt: contact.happenedAt },
    });
    return true;
  });
}

/** The contact history of the listed entries (already scoped by the list), newest first, with who made each contact. */
export async function listContactHistory(rosterEntryIds: string[]) {
  const events = await prisma.contactEvent.findMany({
    where: { rosterEntryId: { in: rosterEntryIds } },
    select: {
      id: true,
      rosterEntryId: true,
      kind: true,
      note: true,
      happenedAt: true,
      actor: { select: { fullName: true } },
      trainingSession: { select: { place: true, heldOn: true } },
    },
    orderBy: [{ happenedAt: "desc" }, { createdAt: "desc" }],
  });
  const byEntry = new Map<string, typeof events>();
  for (const event of events) byEntry.set(event.rosterEntryId, [...(byEntry.get(event.rosterEntryId) ?? []), event]);
  return byEntry;
}

/**
 * Per ward of the records and per indicator, how many of the people it has not reached were
 * contacted within the period: one grouped query over the entries contacted in the period (the
 * index on ContactEvent's date serves the inner set), each indicator a conditional count.
 */
export async function countContactedNotReached(scope: Scope, indicators: { code: string; groups: string[] }[], period: { start: Date }, asOf: Date) {
  if (indicators.length === 0 || scope.unitIds.length === 0) return new Map<string, number[]>();
  const columns = indicators.map(
    (indicator, index) => Prisma.sql`SUM(CASE WHEN ${indicator.groups.length ? Prisma.sql`r."targetGroup" IN (${Prisma.join(indicator.groups)})` : Prisma.sql`1 = 0`}
      AND NOT EXISTS (SELECT 1 FROM "Qualification" q WHERE q."indicator" = ${indicator.code} AND q."rosterEntryId" = r."id"
        AND q."qualifiedAt" >= ${period.start} AND q."qualifiedAt" <= ${asOf}) THEN 1 ELSE 0 END) AS ${Prisma.raw(`"c${index}"`)}`,
  );
  const rows = await prisma.$queryRaw<Record<string, string | number | bigint | null>[]>`
    SELECT r."unitId" AS "unitId", ${Prisma.join(columns)} FROM "RosterEntry" r
    WHERE r."id" IN (SELECT "rosterEntryId" FROM "ContactEvent" WHERE "happenedAt" >= ${period.start} AND "happenedAt" <= ${asOf})
      AND ${sqlInScope('r."unitId"', scope)} AND r."mergedIntoId" IS NULL AND (r."leftAt" IS NULL OR r."leftAt" > ${asOf})
    GROUP BY r."unitId"`;
  return new Map(rows.map((row) => [String(row.unitId), indicators.map((_, index) => Number(row[`c${index}`] ?? 0))]));
}
