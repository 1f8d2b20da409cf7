import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { rosterInScope, sqlInScope, type Scope } from "./scope.server";

const candidateSelect = {
  id: true,
  name: true,
  phone: true,
  birthYear: true,
  targetGroup: true,
  formerUnitId: true,
  unit: { select: { name: true, validFrom: true, validTo: true } },
} as const;

/**
 * Entries of the scope (former wards' included) that may be the person about to be added: the
 * same phone, or the same name folded for search in the same group, from the same former ward
 * when it is known, born the same year when both years are known (two people of one name born in
 * different years are two people). Offered before a new entry is made, so no one is counted twice.
 */
export function findPossibleDuplicates(scope: Scope, person: { name: string; phone: string | null; targetGroup: string; formerWardId?: string | null; birthYear?: number | null }) {
  const sameName: Prisma.RosterEntryWhereInput = {
    searchName: foldForSearch(person.name),
    AND: [
      person.formerWardId ? { OR: [{ formerUnitId: person.formerWardId }, { unitId: person.formerWardId, formerUnitId: null }] } : {},
      person.birthYear ? { OR: [{ birthYear: null }, { birthYear: person.birthYear }] } : {},
    ],
  };
  return prisma.rosterEntry.findMany({
    where: { ...rosterInScope(scope), targetGroup: person.targetGroup, leftAt: null, OR: [...(person.phone ? [{ phone: person.phone }] : []), sameName] },
    select: candidateSelect,
    orderBy: [{ searchName: "asc" }, { id: "asc" }],
    take: 10,
  });
}

const PAIR_LIMIT = 200;

/**
 * Probable duplicate pairs of a scope, one group at a time: the same phone, or the same folded
 * name from the same ward of origin (its former ward once re-homed) and the same year of birth
 * when both entries have one. At most 200 pairs, the
 * lower id first, so that each pair is listed once.
 */
export async function listDuplicatePairs(scope: Scope) {
  const pairs = await prisma.$queryRaw<{ first: string; second: string }[]>`
    SELECT a."id" AS "first", b."id" AS "second" FROM "RosterEntry" a
    JOIN "RosterEntry" b ON a."id" < b."id" AND a."targetGroup" = b."targetGroup"
      AND ((a."phone" IS NOT NULL AND a."phone" = b."phone")
        OR (a."searchName" = b."searchName" AND COALESCE(a."formerUnitId", a."unitId") = COALESCE(b."formerUnitId", b."unitId")
          AND (a."birthYear" IS NULL OR b."birthYear" IS NULL OR a."birthYear" = b."birthYear")))
    WHERE ${sqlInScope('a."unitId"', scope)} AND ${sqlInScope('b."unitId"', scope)}
      AND a."mergedIntoId" IS NULL AND b."mergedIntoId" IS NULL AND a."leftAt" IS NULL AND b."leftAt" IS NULL
    ORDER BY a."searchName", a."id", b."id"
    LIMIT ${PAIR_LIMIT}`;
  const entries = await prisma.rosterEntry.findMany({
    where: { id: { in: pairs.flatMap((pair) => [pair.first, pair.second]) } },
    select: { ...candidateSelect, userId: true, _count: { select: { attendance: true, qualifications: true } } },
  });
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return pairs.flatMap((pair) => {
    const first = byId.get(pair.first);
    const second = byId.get(pair.second);
    return first && second ? [{ first, second }] : [];
  });
}

/** The entry an id stands for now: the kept entry for one merged away, itself otherwise. */
export async function currentEntryId(tx: Prisma.TransactionClient, entryId: string) {
  const entry = await tx.rosterEntry.findUnique({ where: { id: entryId }, select: { mergedIntoId: true } });
  return entry?.mergedIntoId ?? entryId;
}

/**
 * Merges two entries of one person in the scope, both of one group: the kept entry takes every
 * attendance and qualification of the other (the earlier of two for one indicator and period:
 * a qualification is the first in its period), and its phone, account, tax code and external id
 * where it has none; the other points at the kept one and counts nowhere from then on. Audited.
 * False when either is not in the scope, they are one entry or their groups differ.
 */
export async function mergeEntries(admin: AdminUser, scope: Scope, keepId: string, mergeId: string) {
  if (keepId === mergeId) return false;
  return prisma.$transaction(async (tx) => {
    const fields = { id: true, unitId: true, targetGroup: true, phone: true, userId: true, taxCode: true, externalId: true, birthYear: true, leftAt: true } as const;
    const [keep, gone] = await Promise.all([
      tx.rosterEntry.findFirst({ where: { id: keepId, ...rosterInScope(scope) }, select: fields }),
      tx.rosterEntry.findFirst({ where: { id: mergeId, ...rosterInScope(scope) }, select: fields }),
    ]);
    if (!keep || !gone || keep.targetGroup !== gone.targetGroup) return false;
    const sessionsOfKeep = (await tx.attendance.findMany({ where: { rosterEntryId: keep.id }, select: { sessionId: true } })).map((row) => row.sessionId);
    await tx.attendance.deleteMany({ where: { rosterEntryId: gone.id, sessionId: { in: sessionsOfKeep } } });
    await tx.attendance.updateMany({ where: { rosterEntryId: gone.id }, data: { rosterEntryId: keep.id } });
    const qualifications = await tx.qualification.findMany({
      where: { rosterEntryId: { in: [keep.id, gone.id] } },
      select: { id: true, rosterEntryId: true, indicator: true, period: true, qualifiedAt: true },
      orderBy: { qualifiedAt: "asc" },
    });
    const first = new Map<string, string>();
    for (const qualification of qualifications)
      first.set(`${qualification.indicator}|${qualification.period}`, first.get(`${qualification.indicator}|${qualification.period}`) ?? qualification.id);
    const keptIds = new Set(first.values());
    await tx.qualification.deleteMany({ where: { id: { in: qualifications.filter((row) => !keptIds.has(row.id)).map((row) => row.id) } } });
    await tx.qualification.updateMany({ where: { id: { in: [...keptIds] } }, data: { rosterEntryId: keep.id, unitId: keep.unitId, leftAt: keep.leftAt } });
    await tx.rosterEntry.update({
      where: { id: keep.id },
      data: {
        phone: keep.phone ?? gone.phone,
        userId: keep.userId ?? gone.userId,
        taxCode: keep.taxCode ?? gone.taxCode,
        externalId: keep.externalId ?? gone.externalId,
        birthYear: keep.birthYear ?? gone.birthYear,
      },
      select: { id: true },
    });
    // The merged entry keeps its own fields for its history, but no account: it must never qualify again.
    await tx.rosterEntry.update({ where: { id: gone.id }, data: { mergedIntoId: keep.id, userId: null }, select: { id: true } });
    await tx.rosterEntry.updateMany({ where: { mergedIntoId: gone.id }, data: { mergedIntoId: keep.id } });
    await audit(tx, { actorId: admin.id, action: "roster.merge", targetType: "rosterEntry", targetId: keep.id, details: { mergedId: gone.id } });
    return true;
  });
}
