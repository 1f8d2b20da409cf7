import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { startOfDay } from "#app/utils/dates";

import { parseYamlWith } from "./schemas";

/** A day in Hà Nội: the units' dates are the first day in force and the first day not. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written yyyy-mm-dd")
  .transform(startOfDay);

const unitsSchema = z
  .object({
    units: z
      .array(
        z.object({
          code: z.string().regex(/^[A-Z][A-Z0-9-]*$/),
          name: z.string().min(1),
          level: z.enum(["city", "province", "district", "ward", "commune"]),
          parent: z.string().optional(),
          validFrom: day,
          validTo: day.optional(),
        }),
      )
      .min(1),
    crosswalk: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          effectiveOn: day,
          whole: z.boolean().default(true),
          primary: z.boolean().default(true),
        }),
      )
      .nullish()
      .transform((lines) => lines ?? []),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.units.forEach((unit, index) => {
      if (seen.has(unit.code)) ctx.addIssue({ code: "custom", path: ["units", index, "code"], message: `${unit.code} is listed twice` });
      if (unit.parent && !seen.has(unit.parent)) {
        ctx.addIssue({ code: "custom", path: ["units", index, "parent"], message: `parent ${unit.parent} must be listed before ${unit.code}` });
      }
      if (unit.validTo && unit.validTo <= unit.validFrom) {
        ctx.addIssue({ code: "custom", path: ["units", index, "validTo"], message: `${unit.code} ends before it starts` });
      }
      seen.add(unit.code);
    });
    const primaries = new Map<string, number>();
    data.crosswalk.forEach((line, index) => {
      for (const end of ["from", "to"] as const) {
        if (!seen.has(line[end])) ctx.addIssue({ code: "custom", path: ["crosswalk", index, end], message: `unknown unit ${line[end]}` });
      }
      if (line.primary) primaries.set(line.from, (primaries.get(line.from) ?? 0) + 1);
    });
    for (const from of new Set(data.crosswalk.map((line) => line.from))) {
      if (primaries.get(from) !== 1) {
        ctx.addIssue({ code: "custom", path: ["crosswalk"], message: `${from} needs exactly one primary line (has ${primaries.get(from) ?? 0})` });
      }
    }
  });

type UnitsFile = z.infer<typeof unitsSchema>;

const UNITS_FILE = path.join(process.cwd(), "content", "units.yml");

export function parseUnits(source: string, file = UNITS_FILE): UnitsFile {
  return parseYamlWith(unitsSchema, source, file);
}

export function loadUnits(file = UNITS_FILE) {
  return parseUnits(readFileSync(file, "utf8"), file);
}
