// Reporting periods and the shapes a frozen report is made of.
import { getProgramme, periodAt, type Period, type ReportingPeriod } from "#app/content/programme.server";

import type { CoverageStatus } from "../coverage.server";

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

type ReportState = "frozen" | "late" | "not_started";

/** Months of qualifications copied per statement when freezing: small enough that no single one holds the event loop for long. */
export const MONTHS_PER_CHUNK = 6;

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

export function previousReportingPeriod(report: ReportingPeriod) {
  const reports = listReportingPeriods();
  return reports[reports.findIndex((candidate) => candidate.code === report.code) - 1] ?? null;
}

/** The state of a report for a unit: frozen (latest version not reopened), late (past due), or not started. */
export function reportState(report: ReportingPeriod, latest: { reopened: boolean } | null, now: Date): ReportState {
  if (latest && !latest.reopened) return "frozen";
  return now > report.due ? "late" : "not_started";
}

/** The records a ward is drawn from on a date: itself and the older wards whose area it took over. */
