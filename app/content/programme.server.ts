import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { DAY, endOfDay, startOfDay } from "#app/utils/dates";

import { parseYamlWith } from "./schemas";

const bilingual = { vi: z.string().min(1), en: z.string().min(1) };

const DAY_TEXT = z.union([z.date().transform((date) => date.toISOString().slice(0, 10)), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date yyyy-mm-dd")]);

/**
 * A reporting period ("kỳ báo cáo"): a half-year to 30/6 or a year to 31/12, due by `due`. Its days
 * are Hà Nội days: it runs from 1/1 0:00 to the end of its last day, the due day included.
 */
const reportingPeriodSchema = z
  .object({ code: z.string().regex(/^\d{4}-(6T|N)$/, "a code such as 2026-6T or 2026-N"), kind: z.enum(["half-year", "year"]), end: DAY_TEXT, due: DAY_TEXT })
  .transform((period) => ({
    code: period.code,
    kind: period.kind,
    endDay: period.end,
    dueDay: period.due,
    start: startOfDay(`${period.end.slice(0, 4)}-01-01`),
    end: endOfDay(period.end),
    due: endOfDay(period.due),
  }));

const programmeSchema = z
  .object({
    name: z.object(bilingual),
    periods: z
      .array(
        z
          .object({
            code: z.string(),
            start: z.coerce.date(),
            end: z.coerce.date(),
            /** The plan sets no targets of the period's own: the indicators' targets are applied by assumption */
            targetsAssumed: z.boolean().default(false),
            /** Why, said under every report of the period */
            targetsNote: z.object(bilingual).optional(),
          })
          .refine((period) => !period.targetsAssumed || period.targetsNote, {
            message: "a period whose targets are assumed needs targetsNote (vi, en) saying so for its reports",
            path: ["targetsNote"],
          }),
      )
      .min(1),
    reportingPeriods: z.array(reportingPeriodSchema).default([]),
    targetGroups: z
      .array(
        z.object({
          code: z.string().regex(/^[A-Z][A-Z-]*$/),
          // false for a group reached without accounts (children): counted, never profiled
          accounts: z.boolean().default(true),
          ...bilingual,
        }),
      )
      .min(1),
    indicators: z
      .array(
        z.object({
          code: z.string().regex(/^[A-Z][A-Z-]*$/),
          kind: z.enum(["training", "communication"]),
          target: z.number().min(0).max(100),
          unit: z.enum(["person", "organisation"]),
          /** The kinds of in-person session whose attendance counts for the indicator */
          sessionKinds: z.array(z.enum(["training", "communication"])),
          groups: z.array(z.string()).min(1),
          ...bilingual,
          /** The report's column heading, shown with the code beside it (issue 18: codes alone mean nothing to a reader) */
          short: z.object(bilingual),
        }),
      )
      .min(1),
  })
  .superRefine((programme, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    const seen = new Set<string>();
    programme.reportingPeriods.forEach((report, index) => {
      const path = ["reportingPeriods", index];
      const year = report.endDay.slice(0, 4);
      if (seen.has(report.code)) issue(path, `reporting period ${report.code} is listed twice`);
      seen.add(report.code);
      const expected = report.kind === "half-year" ? { end: `${year}-06-30`, code: `${year}-6T` } : { end: `${year}-12-31`, code: `${year}-N` };
      if (report.endDay !== expected.end || report.code !== expected.code) {
        issue(path, `reporting period ${report.code}: a ${report.kind} report ends on ${expected.end} and is coded ${expected.code}`);
      }
      if (report.due <= report.end) issue(path, `reporting period ${report.code} is due (${report.dueDay}) before it ends (${report.endDay})`);
      if (!programme.periods.some((period) => period.start <= report.end && report.end.getTime() < period.end.getTime() + DAY)) {
        issue(path, `reporting period ${report.code} ends outside every plan period`);
      }
      const previous = programme.reportingPeriods[index - 1];
      if (previous && previous.end >= report.end) issue(path, `reporting period ${report.code} is listed before ${previous.code}: keep them in date order`);
    });
    const groups = new Set(programme.targetGroups.map((group) => group.code));
    programme.indicators.forEach((indicator, index) => {
      for (const group of indicator.groups) {
        if (!groups.has(group)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["indicators", index, "groups"],
            message: `unknown target group "${group}" in indicator ${indicator.code}`,
          });
        }
      }
    });
  });

export type Programme = z.infer<typeof programmeSchema>;
export type Indicator = Programme["indicators"][number];
export type Period = Programme["periods"][number];
export type ReportingPeriod = Programme["reportingPeriods"][number];

/** The note every report of the period carries under its table, or null when its targets are the plan's own. */
export function targetsNoteOf(period: Period, lang: "vi" | "en") {
  return period.targetsAssumed && period.targetsNote ? period.targetsNote[lang] : null;
}

export const PROGRAMME_FILE = path.join(process.cwd(), "content", "programme.yml");

export function parseProgramme(source: string, file = PROGRAMME_FILE): Programme {
  return parseYamlWith(programmeSchema, source, file);
}

let cached: Programme | undefined;

/** The programme definition, read and validated once per process. */
export function getProgramme(): Programme {
  cached ??= parseProgramme(readFileSync(PROGRAMME_FILE, "utf8"));
  return cached;
}

export function isTargetGroup(code: string) {
  return getProgramme().targetGroups.some((group) => group.code === code);
}

/** The programme period a moment falls in (a period's end date is its last whole day), or the last period. */
/** From the first period's start to the last period's end: the days a report may be drawn for. */
export function planSpan() {
  const { periods } = getProgramme();
  return { start: periods[0]!.start, end: periods[periods.length - 1]!.end };
}

export function periodAt(date: Date) {
  const { periods } = getProgramme();
  return periods.find((period) => period.start <= date && date.getTime() < period.end.getTime() + DAY) ?? periods[periods.length - 1]!;
}
