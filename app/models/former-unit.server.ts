import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { isInScope, scopeOn } from "./scope.server";
import { LOCAL_LEVELS } from "./unit.server";

type Successor = { id: string; name: string; level: string; path: string };
type FormerWard = { code: string; name: string; validTo: Date; successors: Successor[] };

const VIETNAMESE_ORDER = new Intl.Collator("vi");

/**
 * Every ward (or commune) no longer in force on a date, with the units in force that hold its area
 * now: its crosswalk lines followed until they reach a unit in force, so Nguyễn Trãi (merged into
 * Quang Trung in 2025, itself split on 1/7/2025) leads to both of Quang Trung's successors. People
 * who know only their old ward pick it by that name; a split ward offers all of its successors,
 * the primary one first.
 */
export async function listFormerWards(now = new Date()): Promise<FormerWard[]> {
  const [units, lines] = await Promise.all([
    prisma.adminUnit.findMany({
      where: { level: { in: [...LOCAL_LEVELS] } },
      select: { id: true, code: true, name: true, level: true, path: true, validFrom: true, validTo: true },
    }),
    prisma.unitSuccession.findMany({ select: { fromUnitId: true, toUnitId: true, primary: true }, orderBy: { primary: "desc" } }),
  ]);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const inForce = (unit: (typeof units)[number]) => unit.validFrom <= now && (unit.validTo === null || unit.validTo > now);
  const successorsOf = (id: string, seen: Set<string>): Successor[] =>
    lines
      .filter((line) => line.fromUnitId === id && !seen.has(line.toUnitId))
      .flatMap((line) => {
        const next = byId.get(line.toUnitId);
        if (!next) return [];
        return inForce(next) ? [{ id: next.id, name: next.name, level: next.level, path: next.path }] : successorsOf(next.id, new Set([...seen, next.id]));
      });
  return units
    .filter((unit) => unit.validTo !== null && unit.validTo <= now)
    .map((unit) => ({
      code: unit.code,
      name: unit.name,
      validTo: unit.validTo!,
      successors: [...new Map(successorsOf(unit.id, new Set([unit.id])).map((successor) => [successor.id, successor])).values()],
    }))
    .filter((former) => former.successors.length > 0)
    .sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

/** Former wards whose name holds the words typed, with or without diacritics ("van phuc" finds Vạn Phúc). */
export async function searchFormerWards(text: string, now = new Date()) {
  const wanted = foldForSearch(text).replace(/^(phuong|xa) /, "");
  if (!wanted) return [];
  return (await listFormerWards(now)).filter((former) => foldForSearch(former.name).includes(wanted));
}

/** The former wards an administrator's pickers offer: those with a successor inside their scope, and only those successors. */
export async function formerWardsInScope(scopePath: string, now = new Date()) {
  const [formers, scope] = await Promise.all([listFormerWards(now), scopeOn(scopePath, now)]);
  return formers
    .map((former) => ({ ...former, successors: former.successors.filter((successor) => isInScope(scope, successor.id)) }))
    .filter((former) => former.successors.length > 0);
}

/** When each of these units was in force, for labelling a list drawn for a date. */
export async function unitValidity(ids: string[]) {
  const units = await prisma.adminUnit.findMany({ where: { id: { in: ids } }, select: { id: true, validFrom: true, validTo: true } });
  return new Map(units.map((unit) => [unit.id, unit]));
}
