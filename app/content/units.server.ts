import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { isoDay, startOfDay } from "#app/utils/dates";

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
          /** The clause of the resolution's article that names this part (NQ 1656 art. 1 for 1/7/2025) */
          clause: z.number().int().positive().optional(),
          whole: z.boolean().default(true),
          primary: z.boolean().default(true),
        }),
      )
      .nullish()
      .transform((lines) => lines ?? []),
  })
  .superRefine((data, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const units = new Map<string, (typeof data.units)[number]>();
    data.units.forEach((unit, index) => {
      if (units.has(unit.code)) problem(["units", index, "code"], `${unit.code} is listed twice`);
      if (unit.parent && !units.has(unit.parent)) problem(["units", index, "parent"], `parent ${unit.parent} must be listed before ${unit.code}`);
      if (unit.validTo && unit.validTo <= unit.validFrom) problem(["units", index, "validTo"], `${unit.code} ends before it starts`);
      units.set(unit.code, unit);
    });
    data.crosswalk.forEach((line, index) => checkLine(line, index, units, problem));
    checkSuccessions(data, units, problem);
  });

type UnitLine = { code: string; name: string; validFrom: Date; validTo?: Date };
type CrosswalkLine = { from: string; to: string; effectiveOn: Date; whole: boolean; primary: boolean };
type Problem = (path: (string | number)[], message: string) => void;

/** One line's own consistency: both units known, the old one ending and the new one in force on the line's date. */
function checkLine(line: CrosswalkLine, index: number, units: Map<string, UnitLine>, problem: Problem) {
  const from = units.get(line.from);
  const to = units.get(line.to);
  if (!from) problem(["crosswalk", index, "from"], `unknown unit ${line.from}`);
  if (!to) problem(["crosswalk", index, "to"], `unknown unit ${line.to}`);
  if (!from || !to) return;
  if (!from.validTo) {
    problem(["crosswalk", index, "from"], `${line.from} is still in force (no validTo) but passes to ${line.to} on ${isoDay(line.effectiveOn)}`);
  } else if (from.validTo.getTime() !== line.effectiveOn.getTime()) {
    problem(["crosswalk", index, "effectiveOn"], `${line.from} ends on ${isoDay(from.validTo)} but its line to ${line.to} takes effect on ${isoDay(line.effectiveOn)}`);
  }
  if (to.validFrom > line.effectiveOn || (to.validTo && to.validTo <= line.effectiveOn)) {
    problem(["crosswalk", index, "to"], `${line.to} is not in force on ${isoDay(line.effectiveOn)}, when ${line.from} passes to it`);
  }
}

/**
 * The crosswalk as a whole: every ended unit has successors, exactly one of them primary (the one
 * bearing its name when there is one), a part of a unit is never "whole", and following the lines
 * never comes back to where it started.
 */
function checkSuccessions(data: { units: (UnitLine & { validTo?: Date })[]; crosswalk: CrosswalkLine[] }, units: Map<string, UnitLine>, problem: Problem) {
  const linesOf = new Map<string, CrosswalkLine[]>();
  for (const line of data.crosswalk) linesOf.set(line.from, [...(linesOf.get(line.from) ?? []), line]);
  for (const unit of data.units) {
    if (unit.validTo && !linesOf.has(unit.code)) problem(["crosswalk"], `${unit.code} ends on ${isoDay(unit.validTo)} but has no successor`);
  }
  for (const [from, lines] of linesOf) {
    const primaries = lines.filter((line) => line.primary);
    if (primaries.length !== 1) problem(["crosswalk"], `${from} needs exactly one primary line (has ${primaries.length})`);
    if (lines.length > 1 && lines.some((line) => line.whole)) problem(["crosswalk"], `${from} is split between ${lines.length} units, so no line of it can be whole`);
    const namesake = lines.find((line) => units.get(line.to)?.name === units.get(from)?.name);
    if (namesake && primaries.length === 1 && !namesake.primary) {
      problem(["crosswalk"], `${from} has a successor of the same name, ${namesake.to}, which must be its primary line`);
    }
  }
  for (const start of linesOf.keys()) {
    const cycle = findCycle(start, linesOf);
    if (cycle) problem(["crosswalk"], `the lines go round in a cycle: ${cycle.join(" → ")}`);
  }
}

function findCycle(start: string, linesOf: Map<string, CrosswalkLine[]>, trail: string[] = [start]): string[] | null {
  for (const line of linesOf.get(trail.at(-1)!) ?? []) {
    if (line.to === start) return [...trail, start];
    if (trail.includes(line.to)) continue;
    const cycle = findCycle(start, linesOf, [...trail, line.to]);
    if (cycle) return cycle;
  }
  return null;
}

type UnitsFile = z.infer<typeof unitsSchema>;

const UNITS_FILE = path.join(process.cwd(), "content", "units.yml");

export function parseUnits(source: string, file = UNITS_FILE): UnitsFile {
  return parseYamlWith(unitsSchema, source, file);
}

export function loadUnits(file = UNITS_FILE) {
  return parseUnits(readFileSync(file, "utf8"), file);
}
