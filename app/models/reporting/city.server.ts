// The city's view of a reporting period: which wards froze, consolidation, reminders, the printed report.
import { getProgramme, periodAt, targetsNoteOf, type Period, type ReportingPeriod } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import type { ReportDocumentInput } from "#app/utils/report-document";

import { audit } from "../audit.server";
import { coverageCell } from "../coverage.server";

import { resolveReportWards } from "../unit.server";
import type { WardInput } from "./freeze.server";
import { listReportingPeriods, planPeriodOf, reportState, type SnapshotActivities, type SnapshotFigure } from "./periods.server";
import { parseSnapshot, type Snapshot, snapshotSelect } from "./snapshot.server";

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

type ConsolidateResult = { ok: true; snapshot: Snapshot } | { ok: false; error: "not_ended" | "already_frozen" | "wards_not_frozen"; missing?: string[] };

/**
 * The scope's report for a period, summed from its wards' frozen snapshots (never live figures),
 * frozen once every ward in scope has frozen its own.
 */
export async function consolidateReport(admin: { id: string }, scope: WardInput, report: ReportingPeriod, now = new Date()): Promise<ConsolidateResult> {
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
function sumFigures(snapshots: { figures: SnapshotFigure[] }[], plan: Period, report: ReportingPeriod): SnapshotFigure[] {
  return getProgramme().indicators.map((indicator) => {
    const lines = snapshots.map((snapshot) => snapshot.figures.find((figure) => figure.code === indicator.code));
    const sum = (pick: (figure: SnapshotFigure) => number) => lines.reduce((total, line) => total + (line ? pick(line) : 0), 0);
    return {
      code: indicator.code,
      ...coverageCell(
        sum((line) => line.population),
        sum((line) => line.reached),
        indicator.target,
        plan,
        report.end,
        {
          declared: lines.some((line) => line?.declared),
          counted: lines.some((line) => line?.counted),
        },
      ),
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
