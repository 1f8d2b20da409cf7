import { Prisma } from "#app/generated/prisma/client";

import { resolveReportWards } from "./unit.server";

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
