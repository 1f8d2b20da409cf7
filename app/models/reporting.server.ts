import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, periodAt, targetsNoteOf, type Period, type ReportingPeriod } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { monthsBetween } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";

import { audit } from "./audit.server";
import { coverageCell, getCoverage, type CoverageStatus } from "./coverage.server";
import type { ReportDocumentInput } from "#app/utils/report-document";

import { indicatorsQualifiedBy } from "./qualification.server";
import { resolveReportWards } from "./unit.server";

/** One indicator's frozen line: the coverage cell plus the people counted without names. */
export type SnapshotFigure = {
  code: string;
  population: number;
  reached: number;
  rate: number;
  target: number;
  gap: number;
  status: CoverageStatus;
  declared: boolean;
  counted: boolean;
  /** Of `reached`, people counted without names at communication events */
  headcount: number;
};

export type SnapshotActivities = {
  trainingSessions: number;
  communicationSessions: number;
  /** Named attendance plus people counted without names, at the period's sessions */
  peopleReached: number;
  /** Child-labour-free certificates issued to organisations during the period */
  certified: number;
};

/** A record of the previous period entered after its freeze (+1), or one it counted that no longer stands (-1). */
export type Adjustment = {
  indicator: string;
  /** Roster entry's name, or the session's place for people counted without names */
  who: string;
  /** "online", "in-person", "headcount" or "left" */
  what: string;
  /** The record's date (qualification or session), ISO */
  datedOn: string;
  change: number;
  /** The ward it belongs to (filled in consolidated reports) */
  ward?: string;
};

export type ReportState = "frozen" | "late" | "not_started";

/** Months of qualifications copied per statement when freezing: small enough that no single one holds the event loop for long. */
const MONTHS_PER_CHUNK = 6;

export function listReportingPeriods() {
  return getProgramme().reportingPeriods;
}

export function findReportingPeriod(code: string): ReportingPeriod | null {
  return listReportingPeriods().find((report) => report.code === code) ?? null;
}

/** The plan period whose cumulative coverage a report gives. */
export function planPeriodOf(report: ReportingPeriod): Period {
  return periodAt(report.end);
}

function previousReportingPeriod(report: ReportingPeriod) {
  const reports = listReportingPeriods();
  return reports[reports.findIndex((candidate) => candidate.code === report.code) - 1] ?? null;
}

/** The state of a report for a unit: frozen (latest version not reopened), late (past due), or not started. */
export function reportState(report: ReportingPeriod, latest: { reopened: boolean } | null, now: Date): ReportState {
  if (latest && !latest.reopened) return "frozen";
  return now > report.due ? "late" : "not_started";
}

/** The records a ward is drawn from on a date: itself and the older wards whose area it took over. */
async function sourceUnitsOf(ward: { id: string; path: string }, on: Date) {
  const { shownAs } = await resolveReportWards(ward.path, on);
  return [...shownAs].filter(([, shown]) => shown.id === ward.id).map(([unitId]) => unitId);
}

const snapshotSelect = {
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

function parseSnapshot(row: SnapshotRow) {
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
  const [added, removed, sessions] = await Promise.all([
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
  for (const session of sessions) {
    for (const code of indicatorsQualifiedBy(courses, sessionEvent(session), session.headcountGroup ?? "")) {
      adjustments.push({ indicator: code, who: session.place, what: "headcount", datedOn: session.heldOn.toISOString(), change: session.headcount ?? 0 });
    }
  }
  return adjustments;
}

function sessionEvent(session: { courses: string; kind: string }) {
  const slugs: unknown = JSON.parse(session.courses);
  return { courseSlugs: Array.isArray(slugs) ? slugs.map(String) : [], sessionKind: session.kind };
}

async function activitiesOf(report: ReportingPeriod, sourceIds: string[]): Promise<SnapshotActivities> {
  const heldOn = { gte: report.start, lte: report.end };
  const [sessions, attendance, certified] = await Promise.all([
    prisma.trainingSession.groupBy({
      by: ["kind"],
      where: { unitId: { in: sourceIds }, heldOn },
      _count: { _all: true },
      _sum: { headcount: true },
    }),
    prisma.attendance.count({ where: { session: { unitId: { in: sourceIds }, heldOn } } }),
    prisma.certificate.count({ where: { kind: "organisation", unitId: { in: sourceIds }, issuedAt: heldOn } }),
  ]);
  const count = (kind: string) => sessions.find((row) => row.kind === kind)?._count._all ?? 0;
  const headcount = sessions.reduce((sum, row) => sum + (row._sum.headcount ?? 0), 0);
  return { trainingSessions: count("training"), communicationSessions: count("communication"), peopleReached: attendance + headcount, certified };
}

/**
 * A ward's figures for a period as they stand now, for the units in force on its last day: the
 * draft a ward admin checks before freezing, and what a freeze stores. Each indicator's reached
 * count is the records listed in `entries` (staged under `snapshotId` when given), so that the
 * snapshot can be explained row by row.
 */
async function computeWardReport(ward: { id: string; path: string }, report: ReportingPeriod, stageAs: string | null) {
  const plan = planPeriodOf(report);
  const sourceIds = await sourceUnitsOf(ward, report.end);
  const coverage = await getCoverage(ward.path, plan, report.end, report.end);
  const row = coverage.rows.find((candidate) => candidate.ward.id === ward.id);
  const { indicators } = getProgramme();
  const { courses } = await getCatalogue();

  // People counted without names at sessions count for the indicators of their group.
  const countedSessions = await prisma.trainingSession.findMany({
    where: { unitId: { in: sourceIds }, heldOn: { gte: plan.start, lte: report.end }, headcount: { gt: 0 } },
    select: { id: true, kind: true, courses: true, headcount: true, headcountGroup: true },
  });
  const headcounts = new Map<string, number>();
  const sessionEntries: { indicator: string; recordId: string }[] = [];
  for (const session of countedSessions) {
    for (const code of indicatorsQualifiedBy(courses, sessionEvent(session), session.headcountGroup ?? "")) {
      headcounts.set(code, (headcounts.get(code) ?? 0) + (session.headcount ?? 0));
      sessionEntries.push({ indicator: code, recordId: session.id });
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
    if (stageAs && sessionEntries.length > 0) {
      await prisma.reportSnapshotEntry.createMany({ data: sessionEntries.map((entry) => ({ ...entry, snapshotId: stageAs, kind: "session" })) });
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

type WardInput = { id: string; path: string; code: string; name: string };

export type FreezeResult =
  | { ok: true; snapshot: Snapshot }
  | { ok: false; error: "not_ended" | "already_frozen" | "not_in_force" };

/**
 * Freezes a ward's figures for a reporting period (once it has ended): every indicator's figures,
 * the records counted, the period's activities and the previous period's adjustments, as one
 * snapshot that never changes. After a reopening, the next freeze is the next version.
 */
export async function freezeWardReport(admin: { id: string }, ward: WardInput, report: ReportingPeriod, now = new Date()): Promise<FreezeResult> {
  if (now <= report.end) return { ok: false, error: "not_ended" };
  const unit = await prisma.adminUnit.findFirst({
    where: { id: ward.id, level: "ward", validFrom: { lte: report.end }, OR: [{ validTo: null }, { validTo: { gt: report.end } }] },
    select: { id: true },
  });
  if (!unit) return { ok: false, error: "not_in_force" };
  const latest = await findLatestSnapshot(ward.id, report.code);
  if (latest && !latest.reopening) return { ok: false, error: "already_frozen" };

  const id = randomUUID();
  try {
    const computed = await computeWardReport(ward, report, id);
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.reportSnapshot.create({
        data: {
          id,
          reportPeriod: report.code,
          planPeriod: computed.plan.code,
          unitId: ward.id,
          unitCode: ward.code,
          unitName: ward.name,
          scope: "ward",
          version: (latest?.version ?? 0) + 1,
          figures: JSON.stringify(computed.figures),
          activities: JSON.stringify(computed.activities),
          adjustments: JSON.stringify(computed.adjustments),
          frozenById: admin.id,
        },
        select: snapshotSelect,
      });
      await audit(tx, {
        actorId: admin.id,
        action: "report.freeze",
        targetType: "report",
        targetId: id,
        details: { reportPeriod: report.code, unit: ward.code, version: created.version },
      });
      return created;
    });
    return { ok: true, snapshot: parseSnapshot(row) };
  } catch (error) {
    // Nothing half-saved: the staged records go (the triggers allow it while no snapshot row exists).
    await prisma.reportSnapshotEntry.deleteMany({ where: { snapshotId: id } });
    // Two freezes at once: the other one won, and its snapshot stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: "already_frozen" };
    throw error;
  }
}

export type ReopenResult = { ok: true } | { ok: false; error: "not_found" | "not_frozen" };

/**
 * The city reopens a ward's frozen snapshot, with a reason: the snapshot stays, as a version; the
 * ward can then freeze the period again. Only a snapshot inside the city admin's scope.
 */
export async function reopenWardReport(admin: { id: string }, scopePath: string, snapshotId: string, reason: string): Promise<ReopenResult> {
  const snapshot = await prisma.reportSnapshot.findFirst({
    where: { id: snapshotId, scope: "ward" },
    select: { id: true, unitId: true, reportPeriod: true, version: true, unitCode: true, reopening: { select: { id: true } } },
  });
  const unit = snapshot ? await prisma.adminUnit.findFirst({ where: { id: snapshot.unitId, path: { startsWith: scopePath } }, select: { id: true } }) : null;
  if (!snapshot || !unit) return { ok: false, error: "not_found" };
  const latest = await prisma.reportSnapshot.findFirst({
    where: { unitId: snapshot.unitId, reportPeriod: snapshot.reportPeriod },
    select: { id: true },
    orderBy: { version: "desc" },
  });
  if (snapshot.reopening || latest?.id !== snapshot.id) return { ok: false, error: "not_frozen" };
  try {
    await prisma.$transaction(async (tx) => {
      await tx.reportReopening.create({ data: { snapshotId, reason, reopenedById: admin.id }, select: { id: true } });
      await audit(tx, {
        actorId: admin.id,
        action: "report.reopen",
        targetType: "report",
        targetId: snapshotId,
        details: { reportPeriod: snapshot.reportPeriod, unit: snapshot.unitCode, version: snapshot.version, reason },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: "not_frozen" };
    throw error;
  }
  return { ok: true };
}

/**
 * Where every ward of a scope stands for a period (the wards in force on its last day), and the
 * scope's consolidated snapshot if any. Reads snapshot rows only.
 */
export async function getReportProgress(scope: { id: string; path: string }, report: ReportingPeriod, now = new Date()) {
  const { wards } = await resolveReportWards(scope.path, report.end);
  const inForce = wards.filter((ward) => ward.inForce);
  const snapshots = await prisma.reportSnapshot.findMany({
    where: { reportPeriod: report.code, unitId: { in: [...inForce.map((ward) => ward.id), scope.id] } },
    select: { id: true, unitId: true, version: true, frozenAt: true, scope: true, reopening: { select: { id: true } } },
    orderBy: { version: "desc" },
  });
  const latestOf = (unitId: string) => snapshots.find((snapshot) => snapshot.unitId === unitId) ?? null;
  const rows = inForce.map((ward) => {
    const latest = latestOf(ward.id);
    const reopened = latest?.reopening != null;
    return { ward, latest, reopened, state: reportState(report, latest && { reopened }, now) };
  });
  const consolidated = snapshots.find((snapshot) => snapshot.unitId === scope.id && snapshot.scope === "consolidated") ?? null;
  return { report, rows, consolidated, allFrozen: rows.length > 0 && rows.every((row) => row.state === "frozen") };
}

export type ConsolidateResult =
  | { ok: true; snapshot: Snapshot }
  | { ok: false; error: "not_ended" | "already_frozen" | "wards_not_frozen"; missing?: string[] };

/**
 * The scope's report for a period, summed from its wards' frozen snapshots (never live figures),
 * frozen once every ward in scope has frozen its own.
 */
export async function consolidateReport(
  admin: { id: string },
  scope: WardInput,
  report: ReportingPeriod,
  now = new Date(),
): Promise<ConsolidateResult> {
  if (now <= report.end) return { ok: false, error: "not_ended" };
  const progress = await getReportProgress(scope, report, now);
  if (progress.consolidated) return { ok: false, error: "already_frozen" };
  const missing = progress.rows.filter((row) => row.state !== "frozen").map((row) => row.ward.name);
  if (!progress.allFrozen) return { ok: false, error: "wards_not_frozen", missing };
  const wardSnapshots = (
    await prisma.reportSnapshot.findMany({
      where: { id: { in: progress.rows.map((row) => row.latest!.id) } },
      select: snapshotSelect,
    })
  ).map(parseSnapshot);
  const plan = planPeriodOf(report);
  const figures = sumFigures(wardSnapshots, plan, report);
  const activities = wardSnapshots.reduce<SnapshotActivities>(
    (sum, snapshot) => ({
      trainingSessions: sum.trainingSessions + snapshot.activities.trainingSessions,
      communicationSessions: sum.communicationSessions + snapshot.activities.communicationSessions,
      peopleReached: sum.peopleReached + snapshot.activities.peopleReached,
      certified: sum.certified + snapshot.activities.certified,
    }),
    { trainingSessions: 0, communicationSessions: 0, peopleReached: 0, certified: 0 },
  );
  const adjustments = wardSnapshots.flatMap((snapshot) => snapshot.adjustments.map((adjustment) => ({ ...adjustment, ward: snapshot.unitName })));
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.reportSnapshot.create({
        data: {
          reportPeriod: report.code,
          planPeriod: plan.code,
          unitId: scope.id,
          unitCode: scope.code,
          unitName: scope.name,
          scope: "consolidated",
          version: 1,
          figures: JSON.stringify(figures),
          activities: JSON.stringify(activities),
          adjustments: JSON.stringify(adjustments),
          sources: JSON.stringify(wardSnapshots.map((snapshot) => snapshot.id)),
          frozenById: admin.id,
        },
        select: snapshotSelect,
      });
      await audit(tx, {
        actorId: admin.id,
        action: "report.consolidate",
        targetType: "report",
        targetId: created.id,
        details: { reportPeriod: report.code, unit: scope.code, wards: wardSnapshots.length },
      });
      return created;
    });
    return { ok: true, snapshot: parseSnapshot(row) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: "already_frozen" };
    throw error;
  }
}

/** Indicator by indicator, the sum of the wards' populations and reached counts, rated against the target. */
export function sumFigures(snapshots: { figures: SnapshotFigure[] }[], plan: Period, report: ReportingPeriod): SnapshotFigure[] {
  return getProgramme().indicators.map((indicator) => {
    const lines = snapshots.map((snapshot) => snapshot.figures.find((figure) => figure.code === indicator.code));
    const sum = (pick: (figure: SnapshotFigure) => number) => lines.reduce((total, line) => total + (line ? pick(line) : 0), 0);
    return {
      code: indicator.code,
      ...coverageCell(sum((line) => line.population), sum((line) => line.reached), indicator.target, plan, report.end, {
        declared: lines.some((line) => line?.declared),
        counted: lines.some((line) => line?.counted),
      }),
      headcount: sum((line) => line.headcount),
    };
  });
}

/**
 * What an admin's home reminds of, among the reports of the plan period in force: for a ward, the
 * first report not frozen yet (or the next one to come) and its state; for a scope above wards,
 * the wards late with each ended report.
 */
export async function getReportReminders(admin: { unitId: string }, now = new Date()) {
  const unit = await prisma.adminUnit.findUniqueOrThrow({ where: { id: admin.unitId }, select: { id: true, path: true, level: true, validFrom: true } });
  const plan = periodAt(now);
  const reports = listReportingPeriods().filter((report) => planPeriodOf(report).code === plan.code && report.end >= unit.validFrom);
  if (unit.level === "ward") {
    const snapshots = await prisma.reportSnapshot.findMany({
      where: { unitId: unit.id, reportPeriod: { in: reports.map((report) => report.code) } },
      select: { reportPeriod: true, version: true, reopening: { select: { id: true } } },
      orderBy: { version: "desc" },
    });
    const stateOf = (report: ReportingPeriod) => {
      const latest = snapshots.find((snapshot) => snapshot.reportPeriod === report.code);
      return reportState(report, latest ? { reopened: latest.reopening != null } : null, now);
    };
    const next = reports.find((report) => stateOf(report) !== "frozen");
    return { kind: "ward" as const, next: next ? { report: next, state: stateOf(next), ended: now > next.end } : null };
  }
  const late = [];
  for (const report of reports.filter((candidate) => now > candidate.due)) {
    const progress = await getReportProgress(unit, report, now);
    const wards = progress.rows.filter((row) => row.state === "late").map((row) => row.ward.name);
    if (wards.length > 0) late.push({ report, wards });
  }
  return { kind: "scope" as const, late };
}

/** What the printed report needs beside the snapshot itself: the unit's level, its parent and the labels. */
export async function printableReport(
  snapshot: Pick<Snapshot, "unitId" | "unitName" | "scope" | "planPeriod" | "frozenAt" | "version" | "figures" | "activities" | "adjustments" | "reopening">,
  report: ReportingPeriod,
): Promise<ReportDocumentInput> {
  const unit = await prisma.adminUnit.findUniqueOrThrow({
    where: { id: snapshot.unitId },
    select: { level: true, parent: { select: { name: true } } },
  });
  const { indicators, periods } = getProgramme();
  const plan = periods.find((period) => period.code === snapshot.planPeriod);
  return {
    unit: { name: snapshot.unitName, level: unit.level, parentName: unit.parent?.name ?? null },
    consolidated: snapshot.scope === "consolidated",
    report: { code: report.code, kind: report.kind, endDay: report.endDay },
    planPeriod: { code: snapshot.planPeriod, targetsNote: plan ? targetsNoteOf(plan, "vi") : null },
    frozenAt: snapshot.frozenAt,
    version: snapshot.version,
    reopened: snapshot.reopening !== null,
    figures: snapshot.figures.map((figure) => ({ ...figure, label: indicators.find((indicator) => indicator.code === figure.code)?.vi ?? figure.code })),
    activities: snapshot.activities,
    adjustments: snapshot.adjustments,
  };
}

/**
 * The reporting periods an admin's unit reports for (those ending while it was in force, up to
 * the first still running), newest first: for a ward its own state, for a scope above wards how
 * many of its wards have frozen and the consolidated report's state.
 */
export async function listReportsFor(unitId: string, now = new Date()) {
  const unit = await prisma.adminUnit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, path: true, level: true, validFrom: true } });
  const firstRunning = listReportingPeriods().findIndex((report) => report.end >= now);
  const reports = listReportingPeriods()
    .slice(0, firstRunning === -1 ? undefined : firstRunning + 1)
    .filter((report) => report.end >= unit.validFrom)
    .reverse();
  const snapshots = await prisma.reportSnapshot.findMany({
    where: { unitId: unit.id, reportPeriod: { in: reports.map((report) => report.code) } },
    select: { reportPeriod: true, version: true, frozenAt: true, reopening: { select: { id: true } } },
    orderBy: { version: "desc" },
  });
  return Promise.all(
    reports.map(async (report) => {
      const latest = snapshots.find((snapshot) => snapshot.reportPeriod === report.code) ?? null;
      const own = { report, ended: now > report.end, latest, state: reportState(report, latest && { reopened: latest.reopening != null }, now) };
      if (unit.level === "ward") return { ...own, wards: null };
      const progress = await getReportProgress(unit, report, now);
      return { ...own, wards: { frozen: progress.rows.filter((row) => row.state === "frozen").length, total: progress.rows.length } };
    }),
  );
}

/** The unit an admin manages, with what the reporting pages need of it. */
export function getAdminUnit(unitId: string) {
  return prisma.adminUnit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, path: true, code: true, name: true, level: true } });
}
