import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";

import { audit } from "./audit.server";
import { isInScope, scopeOn } from "./scope.server";

type Ward = { id: string; name: string; path: string };
export type SplitWard = { id: string; name: string; defaultWard: Ward; successors: Ward[] };

const VIETNAMESE_ORDER = new Intl.Collator("vi");

/**
 * Former wards whose area now lies in more than one ward in force, each with the ward its records
 * go to by default (the end of its primary lines) and every ward its area may lie in now, found
 * by following every crosswalk line, so that a ward merged and then split counts as split too.
 */
export async function listSplitWards(now = new Date()): Promise<SplitWard[]> {
  const [wards, lines] = await Promise.all([
    prisma.adminUnit.findMany({ where: { level: "ward" }, select: { id: true, name: true, path: true, validFrom: true, validTo: true } }),
    prisma.unitSuccession.findMany({ select: { fromUnitId: true, toUnitId: true, primary: true } }),
  ]);
  const byId = new Map(wards.map((ward) => [ward.id, ward]));
  const inForce = (id: string) => {
    const ward = byId.get(id);
    return ward !== undefined && ward.validFrom <= now && (ward.validTo === null || ward.validTo > now);
  };
  const linesFrom = new Map<string, typeof lines>();
  for (const line of lines) linesFrom.set(line.fromUnitId, [...(linesFrom.get(line.fromUnitId) ?? []), line]);
  const successorsOf = (id: string, seen: Set<string>): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    const next = linesFrom.get(id) ?? [];
    if (next.length === 0) return inForce(id) ? [id] : [];
    return next.flatMap((line) => successorsOf(line.toUnitId, seen));
  };
  const defaultOf = (id: string) => {
    const seen = new Set<string>();
    let current = id;
    for (
      let line = linesFrom.get(current)?.find((candidate) => candidate.primary);
      line && !seen.has(line.toUnitId);
      line = linesFrom.get(current)?.find((candidate) => candidate.primary)
    ) {
      seen.add(current);
      current = line.toUnitId;
    }
    return current;
  };
  const split: SplitWard[] = [];
  for (const ward of wards) {
    if (!linesFrom.has(ward.id)) continue;
    const successors = [...new Set(successorsOf(ward.id, new Set()))].map((id) => byId.get(id)!);
    const defaultWard = byId.get(defaultOf(ward.id));
    if (successors.length < 2 || !defaultWard || !inForce(defaultWard.id)) continue;
    const shown = (unit: Ward) => ({ id: unit.id, name: unit.name, path: unit.path });
    successors.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
    split.push({ id: ward.id, name: ward.name, defaultWard: shown(defaultWard), successors: successors.map(shown) });
  }
  return split.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

/** The split wards an administrator may re-home entries of: one of their successors lies in the admin's subtree. */
async function splitWardsFor(admin: { unitPath: string }, now: Date) {
  const [splitWards, scope] = await Promise.all([listSplitWards(now), scopeOn(admin.unitPath, now)]);
  return splitWards.filter((ward) => ward.successors.some((successor) => isInScope(scope, successor.id)));
}

const REHOME_PAGE_SIZE = 50;

/**
 * Entries of split former wards still on their default successor (never re-homed, not merged,
 * not left), for the wards an administrator may re-home, by former ward and text, in pages.
 */
export async function listEntriesToRehome(admin: { unitPath: string }, filter: { formerWardId: string | null; q: string; page: number }, now = new Date()) {
  const splitWards = await splitWardsFor(admin, now);
  const chosen = splitWards.filter((ward) => !filter.formerWardId || ward.id === filter.formerWardId);
  const where = { unitId: { in: chosen.map((ward) => ward.id) }, formerUnitId: null, mergedIntoId: null, leftAt: null, ...nameOrPhoneFilter(filter.q) };
  const [entries, total] = await Promise.all([
    prisma.rosterEntry.findMany({
      where,
      select: { id: true, name: true, phone: true, targetGroup: true, unitId: true },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(filter.page, REHOME_PAGE_SIZE),
    }),
    prisma.rosterEntry.count({ where }),
  ]);
  return { splitWards, entries, total, pageCount: pageCount(total, REHOME_PAGE_SIZE) };
}

/**
 * Moves entries of split former wards to the successor ward their person lives in, with their
 * qualifications, so every count follows at once; each move is audited. Only entries the
 * administrator may re-home, and only to a successor of their former ward; the number moved.
 */
export async function rehomeEntries(admin: AdminUser, entryIds: string[], toWardId: string, now = new Date()) {
  const splitWards = await splitWardsFor(admin, now);
  const fromWards = splitWards.filter((ward) => ward.successors.some((successor) => successor.id === toWardId)).map((ward) => ward.id);
  if (fromWards.length === 0 || entryIds.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    const entries = await tx.rosterEntry.findMany({
      where: { id: { in: entryIds }, unitId: { in: fromWards }, formerUnitId: null, mergedIntoId: null },
      select: { id: true, unitId: true },
    });
    for (const formerUnitId of new Set(entries.map((entry) => entry.unitId))) {
      const ids = entries.filter((entry) => entry.unitId === formerUnitId).map((entry) => entry.id);
      await tx.rosterEntry.updateMany({ where: { id: { in: ids } }, data: { unitId: toWardId, formerUnitId } });
      await tx.qualification.updateMany({ where: { rosterEntryId: { in: ids } }, data: { unitId: toWardId } });
    }
    for (const entry of entries) {
      await audit(tx, { actorId: admin.id, action: "roster.rehome", targetType: "rosterEntry", targetId: entry.id, details: { from: entry.unitId, to: toWardId } });
    }
    return entries.length;
  });
}
