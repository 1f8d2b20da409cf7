import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { parseYamlWith } from "./schemas";

const bilingual = { vi: z.string().min(1), en: z.string().min(1) };

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
    targetGroups: z.array(z.object({ code: z.string().regex(/^[A-Z][A-Z-]*$/), ...bilingual })).min(1),
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
        }),
      )
      .min(1),
  })
  .superRefine((programme, ctx) => {
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
export type TargetGroup = Programme["targetGroups"][number];
export type Indicator = Programme["indicators"][number];
export type Period = Programme["periods"][number];

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

const DAY = 86_400_000;

/** The programme period a moment falls in (a period's end date is its last whole day), or the last period. */
export function periodAt(date: Date) {
  const { periods } = getProgramme();
  return periods.find((period) => period.start <= date && date.getTime() < period.end.getTime() + DAY) ?? periods[periods.length - 1]!;
}
