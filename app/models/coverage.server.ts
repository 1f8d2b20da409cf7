import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, periodAt, type Indicator, type Period } from "#app/content/programme.server";
import { DAY, monthOf, monthsBetween } from "#app/utils/dates";
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";
import type { ReportQuery } from "#app/utils/report-query";

import { audit } from "./audit.server";
import { countContactedNotReached, lastContactFilter, type ContactFilter } from "./contact-history.server";
import { indicatorsQualifiedBy } from "./qualification.server";
import { reportScope, rosterInScope, scopeOn, sqlInScope } from "./scope.server";
import { LISTED_UNIT } from "./roster.server";
import { courseSlugsOf } from "./training-session.server";

export type CoverageStatus = "met" | "on_track" | "behind" | "no_population";

type CoverageCell = {
  population: number;
  /** True when part of the population is a ward's declared headcount, not a roster */
  declared: boolean;
  /** True when part of the reached count is people counted at a session without names */
  counted: boolean;
  reached: number;
  /** reached / population, in percent, one decimal */
  rate: number;
  target: number;
  /** People (or organisations) still to reach for the target */
  gap: number;
  status: CoverageStatus;
};

/** Where the period should be by now if coverage grew evenly from its start to its target. */
function expectedRate(target: number, period: Period, asOf: Date) {
  const elapsed = (asOf.getTime() - period.start.getTime()) / (period.end.getTime() + DAY - period.start.getTime());
  return target * Math.min(1, Math.max(0, elapsed));
}

export function coverageCell(
  population: number,
  reached: number,
  target: number,
  period: Period,
  asOf: Date,
  flags: { declared: boolean; counted: boolean } = { declared: false, counted: false },
): CoverageCell {
  const rate = population === 0 ? 0 : Math.round((reached * 1000) / population) / 10;
  const gap = Math.max(0, Math.ceil((target * population) / 100) - reached);
  const status: CoverageStatus =
    population === 0 ? "no_population" : reached * 100 >= target * population ? "met" : rate >= expectedRate(target, period, asOf) ? "on_track" : "behind";
  return { population, ...flags, reached, rate, target, gap, status };
}

/** The period of that code, or the one in force today (no code, or one the programme lacks). */
export function reportPeriod(code: string | null) {
  return getProgramme().periods.find((period) => period.code === code) ?? periodAt(new Date());
}

/**
 * Coverage of every indicator in every ward of a scope, for a period, as of a date (the period's
 * end if it is over), drawn for the units in force on `unitsOn` (today by default): records made
 * in wards since merged or split are counted under the ward that holds their area on that date.
 * Two grouped counts, whatever the size of the rosters: population from the roster entries still
 * present, reached from the recorded first qualifications.
 */
export async function getCoverage(scopePath: string, period: Period, now = new Date(), unitsOn = now) {
  const asOf = now < period.end ? now : new Date(period.end.getTime() + DAY - 1);
  const present = { OR: [{ leftAt: null }, { leftAt: { gt: asOf } }] };
  const { wards, shownAs, scope } = await reportScope(scopePath, unitsOn);
  const wardIds = scope.unitIds;
  const { indicators } = getProgramme();
  const [population, reached, declared, countedTrainingSessions, contacted] = await Promise.all([
    prisma.rosterEntry.groupBy({
      by: ["unitId", "targetGroup"],
      where: { ...rosterInScope(scope), ...present },
      _count: { _all: true },
    }),
    // Per month as well, for the trend charts: one pass over the covering index serves both.
    // Hand-written: it returns a row per indicator, ward and month, and the query builder's
    // mapping of them kept the report at 1.5x the raw query (bench:coverage: 75 ms, now 71 ms
    // against 50 ms). The programme's indicators and the period's months, which the dates imply,
    // let the index (indicator, unitId, month, ...) seek each ward's months of the period instead
    // of testing every qualification ever recorded against the scope (bench:coverage: the scope's
    // test alone doubled the query). The month before the period too: rows from before the month
    // column were given their UTC month, up to seven hours behind Hà Nội's. Quoted names keep it
    // valid on PostgreSQL.
    prisma.$queryRaw<{ indicator: string; unitId: string; month: string; reached: number | bigint }[]>`
      SELECT "indicator", "unitId", "month", COUNT(*) AS "reached" FROM "Qualification"
      WHERE "indicator" IN (${Prisma.join(indicators.map((indicator) => indicator.code))}) AND ${sqlInScope('"unitId"', scope)}
        AND "month" >= ${monthOf(new Date(period.start.getTime() - DAY))} AND "month" <= ${monthOf(asOf)}
        AND "qualifiedAt" >= ${period.start} AND "qualifiedAt" <= ${asOf} AND ("leftAt" IS NULL OR "leftAt" > ${asOf})
      GROUP BY "indicator", "unitId", "month"`,
    prisma.declaredHeadcount.findMany({
      where: { unitId: { in: wardIds }, period: period.code },
      select: { unitId: true, targetGroup: true, count: true },
    }),
    prisma.trainingSession.findMany({
      where: { unitId: { in: wardIds }, heldOn: { gte: period.start, lte: asOf }, headcount: { gt: 0 } },
      select: { unitId: true, kind: true, courses: true, headcount: true, headcountGroup: true, heldOn: true },
    }),
    countContactedNotReached(scope, indicators, period, asOf),
  ]);
  // One pass over each result into sums by key, so the tables below cost nothing per cell.
  const sums = new Map<string, number>();
  const add = (key: string, count: number) => sums.set(key, (sums.get(key) ?? 0) + count);
  for (const row of population) add(`population|${row.unitId}|${row.targetGroup}`, row._count._all);
  for (const row of reached) {
    add(`reached|${row.unitId}|${row.indicator}`, Number(row.reached));
    add(`month|${row.indicator}|${row.month}`, Number(row.reached));
  }
  for (const row of declared) sums.set(`declared|${row.unitId}|${row.targetGroup}`, row.count);
  // People counted without names at a session count as reached for the indicators that count
  // their group, the session's kind and one of its courses, like named attendees.
  const { courses } = await getCatalogue();
  const counted = new Set<string>();
  for (const trainingSession of countedTrainingSessions) {
    const event = { courseSlugs: courseSlugsOf(trainingSession.courses), sessionKind: trainingSession.kind };
    for (const code of indicatorsQualifiedBy(courses, event, trainingSession.headcountGroup ?? "")) {
      add(`reached|${trainingSession.unitId}|${code}`, trainingSession.headcount ?? 0);
      add(`month|${code}|${monthOf(trainingSession.heldOn)}`, trainingSession.headcount ?? 0);
      counted.add(`${trainingSession.unitId}|${code}`);
    }
  }
  // A group's roster is its population; where a ward has none yet, its declared headcount stands
  // in. Decided per ward the records were made in, then added up under the ward shown.
  const sourcesOf = new Map<string, string[]>();
  for (const [sourceId, shown] of shownAs) sourcesOf.set(shown.id, [...(sourcesOf.get(shown.id) ?? []), sourceId]);
  const figuresOf = (wardId: string, indicator: Indicator) => {
    const figures = { population: 0, declared: false, reached: 0, counted: false };
    for (const unitId of sourcesOf.get(wardId) ?? []) {
      for (const group of indicator.groups) {
        const roster = sums.get(`population|${unitId}|${group}`) ?? 0;
        const headcount = sums.get(`declared|${unitId}|${group}`);
        const useHeadcount = roster === 0 && headcount !== undefined;
        figures.population += useHeadcount ? headcount : roster;
        figures.declared ||= useHeadcount;
      }
      figures.reached += sums.get(`reached|${unitId}|${indicator.code}`) ?? 0;
      figures.counted ||= counted.has(`${unitId}|${indicator.code}`);
    }
    return figures;
  };

  const allRows = wards
    .map((ward) => ({
      ward,
      cells: indicators.map((indicator) => {
        const figures = figuresOf(ward.id, indicator);
        return coverageCell(figures.population, figures.reached, indicator.target, period, asOf, {
          declared: figures.declared,
          counted: figures.counted,
        });
      }),
      /** Per indicator, the not-reached people of the ward contacted in the period (issue 22) */
      contacted: indicators.map((_, index) => (sourcesOf.get(ward.id) ?? []).reduce((total, unitId) => total + (contacted.get(unitId)?.[index] ?? 0), 0)),
    }))
    // A unit abolished with nowhere to go keeps a row while it holds records, labelled as former.
    .filter((row) => row.ward.inForce || row.cells.some((cell) => cell.population > 0 || cell.reached > 0));
  // A ward created after the chosen date is not one of that date's units and cannot be mapped back
  // onto older ones (its area came from several): no row, but its records stay in the totals,
  // and the page names it.
  const rows = allRows.filter((row) => !row.ward.createdLater);
  const createdLater = allRows.filter((row) => row.ward.createdLater).map((row) => row.ward.name);
  const totals = indicators.map((indicator, index) => {
    const sum = (pick: (cell: CoverageCell) => number) => allRows.reduce((total, row) => total + pick(row.cells[index]!), 0);
    return coverageCell(
      sum((cell) => cell.population),
      sum((cell) => cell.reached),
      indicator.target,
      period,
      asOf,
      {
        declared: allRows.some((row) => row.cells[index]!.declared),
        counted: allRows.some((row) => row.cells[index]!.counted),
      },
    );
  });
  const contactedTotals = indicators.map((_, index) => allRows.reduce((total, row) => total + row.contacted[index]!, 0));
  const months = monthsBetween(period.start, asOf);
  // Cumulative reached, month by month, over today's population: how the rate grew.
  const trends = indicators.map((indicator, index) => {
    const population = totals[index]!.population;
    let reachedSoFar = 0;
    return months.map((month) => {
      reachedSoFar += sums.get(`month|${indicator.code}|${month}`) ?? 0;
      return { month, rate: population === 0 ? 0 : Math.round((reachedSoFar * 1000) / population) / 10 };
    });
  });
  return { asOf, unitsOn, indicators, rows, createdLater, totals, contactedTotals, trends, monthsInPeriod: monthsBetween(period.start, period.end).length };
}

const NOT_REACHED_PAGE_SIZE = 25;
const NOT_REACHED_FIELDS = {
  id: true,
  name: true,
  phone: true,
  birthYear: true,
  targetGroup: true,
  userId: true,
  leftAt: true,
  lastContactKind: true,
  lastContactAt: true,
} as const;

/**
 * The people or organisations an indicator still has to reach in a scope (optionally one ward of
 * the report, drawn for the units in force on `unitsOn`): roster entries of its groups, still
 * present, with no qualification in the period. In pages, or every one for `page` null (exports).
 */
export async function listNotReached(
  scopePath: string,
  indicator: Indicator,
  period: Period,
  filter: { wardId: string | null; query: string; page: number | null; contact?: ContactFilter | null },
  unitsOn = new Date(),
) {
  const scope = await scopeOn(scopePath, unitsOn, filter.wardId);
  const where = {
    ...rosterInScope(scope),
    targetGroup: { in: indicator.groups },
    leftAt: null,
    qualifications: { none: { indicator: indicator.code, qualifiedAt: { gte: period.start, lte: period.end } } },
    ...nameOrPhoneFilter(filter.query),
    ...lastContactFilter(filter.contact ?? null),
  };
  const [entries, total] = await Promise.all([
    prisma.rosterEntry.findMany({
      where,
      select: { ...NOT_REACHED_FIELDS, unit: { select: LISTED_UNIT } },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(filter.page, NOT_REACHED_PAGE_SIZE),
    }),
    prisma.rosterEntry.count({ where }),
  ]);
  return { entries, total, pageCount: pageCount(total, NOT_REACHED_PAGE_SIZE) };
}

/**
 * What a not-reached list page (or its export) shows around its rows: the indicator (null for an
 * unknown one), the period, and the wards of the scope's report with the one asked for by its code
 * (or by its id, as addresses written before the code was used asked; any other value shows the
 * whole scope).
 */
export async function findNotReachedFrame(scopePath: string, indicatorCode: string | undefined, query: ReportQuery) {
  const indicator = getProgramme().indicators.find((candidate) => candidate.code === indicatorCode);
  if (!indicator) return null;
  const wards = (await reportScope(scopePath, query.unitsOn)).wards.filter((candidate) => !candidate.createdLater);
  const ward = (query.wardCode && wards.find((candidate) => candidate.code === query.wardCode || candidate.id === query.wardCode)) || null;
  return { indicator, period: reportPeriod(query.periodCode), wards, ward };
}

/** A ward's declared headcount for a group and period, replacing any earlier declaration. */
export async function declareHeadcount(admin: { id: string }, declaration: { unitId: string; targetGroup: string; period: string; count: number }) {
  const { unitId, targetGroup, period, count } = declaration;
  await prisma.$transaction(async (tx) => {
    await tx.declaredHeadcount.upsert({
      where: { unitId_targetGroup_period: { unitId, targetGroup, period } },
      update: { count, declaredById: admin.id },
      create: { ...declaration, declaredById: admin.id },
      select: { id: true },
    });
    await audit(tx, { actorId: admin.id, action: "headcount.declare", targetType: "unit", targetId: unitId, details: declaration });
  });
}
