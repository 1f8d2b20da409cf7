import { prisma } from "#app/utils/db.server";
import { VIETNAMESE_ORDER } from "#app/utils/search";

/** The units a person lives in and a report has rows for: wards, and the communes (xã) beside them. */
export const LOCAL_LEVELS = ["ward", "commune"] as const;
const local = { level: { in: [...LOCAL_LEVELS] } };

/** Wards in force today, in name order: the choices of every ward picker. */
export async function listWards(now = new Date()) {
  const wards = await prisma.adminUnit.findMany({
    where: { ...local, ...inForce(now) },
    select: { id: true, code: true, name: true, level: true },
  });
  // SQLite's binary order puts "Đồng Mai" after "Yết Kiêu"; sort the way Vietnamese readers expect.
  return wards.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

export function inForce(now: Date) {
  return { validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gt: now } }] };
}

export function findWardInForce(unitId: string, now = new Date()) {
  return prisma.adminUnit.findFirst({
    where: { id: unitId, ...local, ...inForce(now) },
    select: { id: true, path: true, name: true, code: true },
  });
}

type ReportWard = {
  id: string;
  code: string;
  name: string;
  inForce: boolean;
  /** Created after the date: not one of that date's units, so no row or choice of its own */
  createdLater: boolean;
};

/**
 * The wards a report counts for a scope, drawn for the units in force on a date. Records stay with
 * the unit they were made in; each unit's records are shown under the unit that holds its area
 * on that date, found by following the crosswalk's primary lines. The scope is the admin's
 * subtree, every ward whose area lies in it on the date, and every older ward whose area passed
 * into it, so a new ward's report includes the
 * history of the wards it was made from; an abolished unit's scope, on a date after its end,
 * also covers the units its area passed to (a district admin of 2021 still sees the wards that replaced the district).
 */
export async function resolveReportWards(scopePath: string, unitsOn: Date) {
  const { units, lines } = await unitsAndCrosswalk();
  const wards = units.filter((unit) => (LOCAL_LEVELS as readonly string[]).includes(unit.level));
  const scopeUnit = units.find((unit) => unit.path === scopePath);
  const abolished = scopeUnit?.validTo != null && scopeUnit.validTo <= unitsOn;
  const pathOf = new Map(units.map((unit) => [unit.id, unit.path]));
  const reachPaths = [scopePath, ...lines.filter((line) => line.fromUnitId === scopeUnit?.id).flatMap((line) => pathOf.get(line.toUnitId) ?? [])];
  const inScope = (path: string) => path.startsWith(scopePath);
  const inReach = (path: string) => reachPaths.some((prefix) => path.startsWith(prefix));
  const byId = new Map(wards.map((ward) => [ward.id, ward]));
  const successorOf = new Map(lines.filter((line) => line.primary).map((line) => [line.fromUnitId, line]));
  const inForce = (ward: (typeof wards)[number]) => ward.validFrom <= unitsOn && (ward.validTo === null || ward.validTo > unitsOn);
  /** The last ward on a unit's primary line, and the ward in force on the date along it. */
  const follow = (start: (typeof wards)[number]) => {
    let ward = start;
    let shown = inForce(ward) ? ward : null;
    for (let line = successorOf.get(ward.id); line; line = successorOf.get(ward.id)) {
      const next = byId.get(line.toUnitId);
      if (!next || next === start) break;
      ward = next;
      if (!shown && line.effectiveOn <= unitsOn && inForce(ward)) shown = ward;
    }
    // A unit not yet created on the date, or one abolished with nowhere to go, is shown as itself.
    return { last: ward, shown: shown ?? start };
  };
  const shownAs = new Map<string, ReportWard>();
  for (const ward of wards) {
    const { last, shown } = follow(ward);
    // In scope: a ward of the subtree, one whose area lies in it on the date, or one whose area
    // passed into it since (a new ward's admin sees the history of the wards it took over). The
    // units the admin's area passed to count too, once the admin's unit has ended, or for a ward
    // not yet created on the date (it is shown as itself).
    const reached = (abolished || !inForce(shown)) && (inReach(ward.path) || inReach(last.path));
    if (!inScope(ward.path) && !inScope(shown.path) && !inScope(last.path) && !reached) continue;
    shownAs.set(ward.id, { id: shown.id, code: shown.code, name: shown.name, inForce: inForce(shown), createdLater: shown.validFrom > unitsOn });
  }
  const shown = new Map([...shownAs.values()].map((ward) => [ward.id, ward]));
  return {
    /** The report's rows, in the order Vietnamese readers expect */
    wards: [...shown.values()].sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name)),
    /** Every ward whose records the report counts, and the row it is counted under */
    shownAs,
    /** The units of the subtree that are not wards (districts, the city, communes): their records are the admin's too */
    above: units.filter((unit) => unit.path.startsWith(scopePath) && unit.level !== "ward").map((unit) => unit.id),
  };
}

type StoredUnit = { id: string; code: string; name: string; level: string; path: string; validFrom: Date; validTo: Date | null };
type CrosswalkLine = { fromUnitId: string; toUnitId: string; effectiveOn: Date; primary: boolean };

/** A change this recent may share its millisecond with the next one, which the stamp would miss. */
const SETTLED_AFTER = 2_000;
let cached: { stamp: string; read: Promise<{ units: StoredUnit[]; lines: CrosswalkLine[] }> } | undefined;

/**
 * Every unit and crosswalk line, read once per process: every scoped query starts from them, and
 * reading them for each took a tenth of the report's time (bench:coverage). They change only by
 * the seed (content/units.yml, run at start-up by another process), a migration, or a test's
 * fixtures, so each call asks one question of the database, how many rows each table has and
 * when either last changed, and reads again when the answer differs. Changes of the last two
 * seconds are read afresh every time: two writes in one millisecond would look like one.
 */
export async function unitsAndCrosswalk() {
  const [stamp] = await prisma.$queryRaw<{ units: number | bigint; unitsChanged: unknown; lines: number | bigint; linesChanged: unknown }[]>`
    SELECT (SELECT COUNT(*) FROM "AdminUnit") AS "units", (SELECT MAX("updatedAt") FROM "AdminUnit") AS "unitsChanged",
      (SELECT COUNT(*) FROM "UnitSuccession") AS "lines", (SELECT MAX("updatedAt") FROM "UnitSuccession") AS "linesChanged"`;
  const changed = Math.max(
    ...[stamp?.unitsChanged, stamp?.linesChanged].map((value) => (value instanceof Date ? value.getTime() : value == null ? 0 : new Date(String(value)).getTime())),
  );
  const key = `${stamp?.units}|${stamp?.lines}|${changed}`;
  if (cached?.stamp === key && Date.now() - changed > SETTLED_AFTER) return cached.read;
  const read = Promise.all([
    prisma.adminUnit.findMany({ select: { id: true, code: true, name: true, level: true, path: true, validFrom: true, validTo: true } }),
    prisma.unitSuccession.findMany({ select: { fromUnitId: true, toUnitId: true, effectiveOn: true, primary: true } }),
  ]).then(([units, lines]) => ({ units, lines }));
  cached = { stamp: key, read };
  read.catch(() => {
    if (cached?.read === read) cached = undefined;
  });
  return read;
}
