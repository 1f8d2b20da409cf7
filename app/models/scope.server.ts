import { Prisma } from "#app/generated/prisma/client";

import { prisma } from "#app/utils/db.server";
import { VIETNAMESE_ORDER } from "#app/utils/search";

import { findWardInForce, inForce, LOCAL_LEVELS, resolveReportWards } from "./unit.server";

/** The units whose records belong to an administrator on a date: what every scoped query filters on. */
export type Scope = { unitIds: string[] };

/**
 * The one scope rule. A record (roster entry, session, account, organisation) belongs to an
 * administrator on a date when its unit, through the crosswalk in force on that date, lies in the
 * administrator's subtree: the wards of the subtree, every former ward whose area passed into it,
 * and the units above the wards (districts, the city) inside the subtree. With `wardId`, only the
 * units shown as that ward of the report on the date: the roster of one report row.
 */
export async function scopeOn(scopePath: string, on = new Date(), wardId: string | null = null): Promise<Scope> {
  const { shownAs, above } = await resolveReportWards(scopePath, on);
  const wards = [...shownAs].filter(([, shown]) => !wardId || shown.id === wardId).map(([unitId]) => unitId);
  return { unitIds: [...wards, ...(wardId ? [] : above)] };
}

/**
 * The scope's wards as a report draws them on a date: its rows, the row each ward's records are
 * counted under, and the wards themselves as a scope (the same rule as `scopeOn`, without the
 * units above the wards, which hold no roster).
 */
export async function reportScope(scopePath: string, on: Date) {
  const { wards, shownAs } = await resolveReportWards(scopePath, on);
  return { wards, shownAs, scope: { unitIds: [...shownAs.keys()] } satisfies Scope };
}

/** Records whose own unit is in scope: sessions, accounts, organisations, applications. */
export function unitInScope(scope: Scope) {
  return { unitId: { in: scope.unitIds } };
}

/** Roster entries in scope that still stand for someone: an entry merged into another counts nowhere. */
export function rosterInScope(scope: Scope) {
  return { unitId: { in: scope.unitIds }, mergedIntoId: null };
}

/** The same rule for hand-written SQL: `column IN (...)`, false for an empty scope. */
export function sqlInScope(column: string, scope: Scope) {
  return scope.unitIds.length === 0 ? Prisma.sql`1 = 0` : Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join(scope.unitIds)})`;
}

/** Whether one unit is in scope, for a record already read (a certificate, a ward chosen in a form). */
export function isInScope(scope: Scope, unitId: string) {
  return scope.unitIds.includes(unitId);
}

/** A ward in force that an administrator may choose in a form (to create an account, import a roster), or null. */
export async function findWardInScope(scopePath: string, unitId: string, now = new Date()) {
  const [ward, scope] = await Promise.all([findWardInForce(unitId, now), scopeOn(scopePath, now)]);
  return ward && isInScope(scope, ward.id) ? ward : null;
}

/**
 * A unit by its code, if in the administrator's scope (a former ward the admin's ward took over
 * included); null for one elsewhere as for a code no unit has, so that the route answers both alike.
 */
export async function findUnitInScope(admin: { unitPath: string }, code: string) {
  const [unit, scope] = await Promise.all([prisma.adminUnit.findUnique({ where: { code }, select: { id: true, name: true, path: true } }), scopeOn(admin.unitPath)]);
  return unit && isInScope(scope, unit.id) ? unit : null;
}

/** Units in force in an administrator's scope (their own unit, the units beneath it, and the wards their area passed to), in name order. */
export async function listUnitsInScope(scopePath: string, now = new Date()) {
  const [scope, units] = await Promise.all([scopeOn(scopePath, now), prisma.adminUnit.findMany({ where: inForce(now), select: { id: true, name: true, level: true } })]);
  return units.filter((unit) => isInScope(scope, unit.id)).sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

/** The wards an administrator may choose in a form: every ward in force in their scope. */
export async function wardOptions(admin: { unitPath: string }) {
  const wards = (await listUnitsInScope(admin.unitPath)).filter((unit) => (LOCAL_LEVELS as readonly string[]).includes(unit.level));
  return wards.map((ward) => ({ value: ward.id, label: ward.name }));
}
