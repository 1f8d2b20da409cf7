// A ward's figures for a period, computed from the live tables, and the snapshots frozen from them.
import { setImmediate as nextTurn } from "node:timers/promises";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, type ReportingPeriod } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { monthsBetween } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";

import { coverageCell, getCoverage } from "../coverage.server";

import { indicatorsQualifiedBy } from "../qualification.server";
import { resolveReportWards } from "../unit.server";
import { courseSlugsOf } from "../training-session.server";
import { type Adjustment, MONTHS_PER_CHUNK, planPeriodOf, previousReportingPeriod, type SnapshotActivities, type SnapshotFigure } from "./periods.server";

async function sourceUnitsOf(ward: { id: string; path: string }, on: Date) {
  const { shownAs } = await resolveReportWards(ward.path, on);
  return [...shownAs].filter(([, shown]) => shown.id === ward.id).map(([unitId]) => unitId);
}

export const snapshotSelect = {
  id: true,
  reportPeriod: true,
  planPeriod: true,
  unitId: true,
  unitCode: true,
  unitName: true,
  scope: true,
  version: true,
  figures: true,
  activities: true,
  adjustments: true,
  sources: true,
  frozenById: true,
  frozenAt: true,
  reopening: { select: { reason: true, reopenedById: true, createdAt: true } },
} satisfies Prisma.ReportSnapshotSelect;

type SnapshotRow = Prisma.ReportSnapshotGetPayload<{ select: typeof snapshotSelect }>;

export function parseSnapshot(row: SnapshotRow) {
  return {
    ...row,
    figures: JSON.parse(row.figures) as SnapshotFigure[],
    activities: JSON.parse(row.activities) as SnapshotActivities,
    adjustments: JSON.parse(row.adjustments) as Adjustment[],
    sources: JSON.parse(row.sources) as string[],
  };
}
export type Snapshot = ReturnType<typeof parseSnapshot>;

/** Every version of a unit's report for a period, newest first. */
export async function listSnapshotVersions(unitId: string, reportCode: string) {
  const rows = await prisma.reportSnapshot.findMany({
    where: { unitId, reportPeriod: reportCode },
    select: snapshotSelect,
    orderBy: { version: "desc" },
  });
  return rows.map(parseSnapshot);
}

/** A unit's latest snapshot for a period (reopened or not), or null. Reads one row: no live table. */
export async function findLatestSnapshot(unitId: string, reportCode: string, version?: number) {
  const row = await prisma.reportSnapshot.findFirst({
    where: { unitId, reportPeriod: reportCode, ...(version ? { version } : {}) },
    select: snapshotSelect,
    orderBy: { version: "desc" },
  });
  return row ? parseSnapshot(row) : null;
}

/**
 * The ward's records the previous period's snapshot did not count although they are dated in it
 * (entered after the freeze), and those it counted that no longer stand (the entry left, or was
 * removed, on or before that period's end): the next report's "Điều chỉnh kỳ trước".
 */
async function adjustmentsSince(report: ReportingPeriod, sourceIds: string[], wardId: string): Promise<Adjustment[]> {
  const previous = previousReportingPeriod(report);
  if (!previous || sourceIds.length === 0) return [];
  const snapshot = await prisma.reportSnapshot.findFirst({
    where: { unitId: wardId, reportPeriod: previous.code },
    select: { id: true, frozenAt: true },
    orderBy: { version: "desc" },
  });
  if (!snapshot) return [];
  const plan = planPeriodOf(previous);
  const [added, removed, trainingSessions] = await Promise.all([
    prisma.$queryRaw<{ indicator: string; name: string; source: string; qualifiedAt: Date | string }[]>`
      SELECT q."indicator", r."name", q."source", q."qualifiedAt" FROM "Qualification" q
      JOIN "RosterEntry" r ON r."id" = q."rosterEntryId"
      WHERE q."unitId" IN (${Prisma.join(sourceIds)}) AND q."qualifiedAt" >= ${plan.start} AND q."qualifiedAt" <= ${previous.end}
        AND (q."leftAt" IS NULL OR q."leftAt" > ${previous.end}) AND q."createdAt" > ${snapshot.frozenAt}
        AND NOT EXISTS (SELECT 1 FROM "ReportSnapshotEntry" e
          WHERE e."snapshotId" = ${snapshot.id} AND e."indicator" = q."indicator" AND e."recordId" = q."id")
      ORDER BY q."qualifiedAt", r."name"`,
    prisma.$queryRaw<{ indicator: string; name: string | null; qualifiedAt: Date | string | null }[]>`
      SELECT e."indicator", r."name", q."qualifiedAt" FROM "ReportSnapshotEntry" e
      LEFT JOIN "Qualification" q ON q."id" = e."recordId"
      LEFT JOIN "RosterEntry" r ON r."id" = q."rosterEntryId"
      WHERE e."snapshotId" = ${snapshot.id} AND e."kind" = 'qualification'
        AND (q."id" IS NULL OR (q."leftAt" IS NOT NULL AND q."leftAt" <= ${previous.end}))`,
    prisma.trainingSession.findMany({
      where: { unitId: { in: sourceIds }, heldOn: { gte: plan.start, lte: previous.end }, headcount: { gt: 0 }, createdAt: { gt: snapshot.frozenAt } },
      select: { id: true, kind: true, courses: true, headcount: true, headcountGroup: true, heldOn: true, place: true },
    }),
  ]);
  const iso = (value: Date | string | null) => (value === null ? "" : new Date(value).toISOString());
  const adjustments: Adjustment[] = [
    ...added.map((row) => ({ indicator: row.indicator, who: row.name, what: row.source, datedOn: iso(row.qualifiedAt), change: 1 })),
    ...removed.map((row) => ({ indicator: row.indicator, who: row.name ?? "—", what: "left", datedOn: iso(row.qualifiedAt), change: -1 })),
  ];
  const { courses } = await getCatalogue();
  for (const trainingSession of trainingSessions) {
    for (const code of indicatorsQualifiedBy(courses, trainingSessionEvent(trainingSession), trainingSession.headcountGroup ?? "")) {
      adjustments.push({ indicator: code, who: trainingSession.place, what: "headcount", datedOn: trainingSession.heldOn.toISOString(), change: trainingSession.headcount ?? 0 });
    }
  }
  return adjustments;
}

function trainingSessionEvent(trainingSession: { courses: string; kind: string }) {
  return { courseSlugs: courseSlugsOf(trainingSession.courses), sessionKind: trainingSession.kind };
}

async function activitiesOf(report: ReportingPeriod, sourceIds: string[]): Promise<SnapshotActivities> {
  const heldOn = { gte: report.start, lte: report.end };
  const [trainingSessions, attendance, certified] = await Promise.all([
    prisma.trainingSession.groupBy({
      by: ["kind"],
      where: { unitId: { in: sourceIds }, heldOn },
      _count: { _all: true },
      _sum: { headcount: true },
    }),
    prisma.attendance.count({ where: { session: { unitId: { in: sourceIds }, heldOn } } }),
    prisma.certificate.count({ where: { kind: "organisation", unitId: { in: sourceIds }, issuedAt: heldOn } }),
  ]);
  const count = (kind: string) => trainingSessions.find((row) => row.kind === kind)?._count._all ?? 0;
  const headcount = trainingSessions.reduce((sum, row) => sum + (row._sum.headcount ?? 0), 0);
  return { trainingSessions: count("training"), communicationSessions: count("communication"), peopleReached: attendance + headcount, certified };
}

/**
 * A ward's figures for a period as they stand now, for the units in force on its last day: the
 * draft a ward admin checks before freezing, and what a freeze stores. Each indicator's reached
 * count is the records listed in `entries` (staged under `snapshotId` when given), so that the
 * snapshot can be explained row by row.
 */
export async function computeWardReport(ward: { id: string; path: string }, report: ReportingPeriod, stageAs: string | null) {
  const plan = planPeriodOf(report);
  const sourceIds = await sourceUnitsOf(ward, report.end);
  const coverage = await getCoverage(ward.path, plan, report.end, report.end);
  const row = coverage.rows.find((candidate) => candidate.ward.id === ward.id);
  const { indicators } = getProgramme();
  const { courses } = await getCatalogue();

  // People counted without names at sessions count for the indicators of their group.
  const countedTrainingSessions = await prisma.trainingSession.findMany({
    where: { unitId: { in: sourceIds }, heldOn: { gte: plan.start, lte: report.end }, headcount: { gt: 0 } },
    select: { id: true, kind: true, courses: true, headcount: true, headcountGroup: true },
  });
  const headcounts = new Map<string, number>();
  const trainingSessionEntries: { indicator: string; recordId: string }[] = [];
  for (const trainingSession of countedTrainingSessions) {
    for (const code of indicatorsQualifiedBy(courses, trainingSessionEvent(trainingSession), trainingSession.headcountGroup ?? "")) {
      headcounts.set(code, (headcounts.get(code) ?? 0) + (trainingSession.headcount ?? 0));
      trainingSessionEntries.push({ indicator: code, recordId: trainingSession.id });
    }
  }

  const named = new Map<string, number>();
  if (sourceIds.length > 0) {
    const months = monthsBetween(plan.start, report.end);
    const where = (code: string, from: string, to: string) => Prisma.sql`
      WHERE "indicator" = ${code} AND "unitId" IN (${Prisma.join(sourceIds)}) AND "month" >= ${from} AND "month" <= ${to}
        AND "qualifiedAt" >= ${plan.start} AND "qualifiedAt" <= ${report.end} AND ("leftAt" IS NULL OR "leftAt" > ${report.end})`;
    for (const indicator of indicators) {
      for (let index = 0; index < months.length; index += MONTHS_PER_CHUNK) {
        const [from, to] = [months[index]!, months[Math.min(months.length, index + MONTHS_PER_CHUNK) - 1]!];
        if (stageAs) {
          // Set-based and in chunks, each its own statement: on SQLite every statement runs on the
          // event loop, so other requests are served between them (bench:reporting measures it).
          const copied = await prisma.$executeRaw`
            INSERT INTO "ReportSnapshotEntry" ("snapshotId", "indicator", "kind", "recordId")
            SELECT ${stageAs}, "indicator", 'qualification', "id" FROM "Qualification" ${where(indicator.code, from, to)}`;
          named.set(indicator.code, (named.get(indicator.code) ?? 0) + copied);
        } else {
          const [{ count }] = await prisma.$queryRaw<[{ count: number | bigint }]>`
            SELECT COUNT(*) AS "count" FROM "Qualification" ${where(indicator.code, from, to)}`;
          named.set(indicator.code, (named.get(indicator.code) ?? 0) + Number(count));
        }
        await nextTurn();
      }
    }
    if (stageAs && trainingSessionEntries.length > 0) {
      await prisma.reportSnapshotEntry.createMany({ data: trainingSessionEntries.map((entry) => ({ ...entry, snapshotId: stageAs, kind: "session" })) });
    }
  }

  const figures: SnapshotFigure[] = indicators.map((indicator, index) => {
    const cell = row?.cells[index];
    const headcount = headcounts.get(indicator.code) ?? 0;
    const reached = (named.get(indicator.code) ?? 0) + headcount;
    return {
      code: indicator.code,
      ...coverageCell(cell?.population ?? 0, reached, indicator.target, plan, report.end, {
        declared: cell?.declared ?? false,
        counted: headcount > 0,
      }),
      headcount,
    };
  });
  const [activities, adjustments] = await Promise.all([activitiesOf(report, sourceIds), adjustmentsSince(report, sourceIds, ward.id)]);
  return { plan, figures, activities, adjustments };
}

/** A ward's report for a period as it stands today, not frozen: what freezing would store. */
export async function getDraftWardReport(ward: { id: string; path: string }, report: ReportingPeriod) {
  return computeWardReport(ward, report, null);
}
