import { prisma } from "#app/utils/db.server";
import { VIETNAMESE_ORDER } from "#app/utils/search";

/** Wards in force today, in name order: the choices of every ward picker. */
export async function listWards(now = new Date()) {
  const wards = await prisma.adminUnit.findMany({
    where: { level: "ward", ...inForce(now) },
    select: { id: true, code: true, name: true },
  });
  // SQLite's binary order puts "Đồng Mai" after "Yết Kiêu"; sort the way Vietnamese readers expect.
  return wards.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

function inForce(now: Date) {
  return { validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gt: now } }] };
}

/** Units in force inside an administrator's scope (their own unit and everything beneath it). */
export async function listUnitsInScope(scopePath: string, now = new Date()) {
  const units = await prisma.adminUnit.findMany({
    where: { path: { startsWith: scopePath }, ...inForce(now) },
    select: { id: true, name: true, level: true },
  });
  return units.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

export function findWardInForce(unitId: string, now = new Date()) {
  return prisma.adminUnit.findFirst({
    where: { id: unitId, level: "ward", ...inForce(now) },
    select: { id: true, path: true, name: true, code: true },
  });
}

/**
 * A ward or other unit by its code, inside the administrator's scope; null for one elsewhere as for
 * a code no unit has, so that the route answers both alike.
 */
export async function findUnitInScope(admin: { unitPath: string }, code: string) {
  const unit = await prisma.adminUnit.findUnique({ where: { code }, select: { id: true, name: true, path: true } });
  return unit?.path.startsWith(admin.unitPath) ? unit : null;
}

/** The wards an administrator may choose in a form: every ward in force inside their scope. */
export async function wardOptions(admin: { unitPath: string }) {
  const wards = (await listUnitsInScope(admin.unitPath)).filter((unit) => unit.level === "ward");
  return wards.map((ward) => ({ value: ward.id, label: ward.name }));
}

type ReportWard = { id: string; code: string; name: string; inForce: boolean };

/**
 * The wards a report counts for a scope, drawn for the units in force on a date. Records stay with
 * the unit they were made in; each unit's records are shown under the unit that holds its area
 * on that date, found by following the crosswalk's primary lines. The scope is the admin's
 * subtree plus every older ward whose area passed into it, so a new ward's report includes the
 * history of the wards it was made from; an abolished unit's scope also covers the units its
 * area passed to (a district admin of 2021 still sees the wards that replaced the district).
 */
export async function resolveReportWards(scopePath: string, unitsOn: Date) {
  const [wards, lines, scopeUnit] = await Promise.all([
    prisma.adminUnit.findMany({
      where: { level: "ward" },
      select: { id: true, code: true, name: true, path: true, validFrom: true, validTo: true },
    }),
    prisma.unitSuccession.findMany({
      select: { fromUnitId: true, toUnitId: true, effectiveOn: true, primary: true, toUnit: { select: { path: true } } },
    }),
    prisma.adminUnit.findUnique({ where: { path: scopePath }, select: { id: true } }),
  ]);
  const scopePaths = [scopePath, ...lines.filter((line) => line.fromUnitId === scopeUnit?.id).map((line) => line.toUnit.path)];
  const inScope = (path: string) => scopePaths.some((prefix) => path.startsWith(prefix));
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
    if (!inScope(ward.path) && !inScope(last.path)) continue;
    shownAs.set(ward.id, { id: shown.id, code: shown.code, name: shown.name, inForce: inForce(shown) });
  }
  const shown = new Map([...shownAs.values()].map((ward) => [ward.id, ward]));
  return {
    /** The report's rows, in the order Vietnamese readers expect */
    wards: [...shown.values()].sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name)),
    /** Every ward whose records the report counts, and the row it is counted under */
    shownAs,
  };
}
