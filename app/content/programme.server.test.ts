import { readFileSync } from "node:fs";

import { expect, test } from "vitest";

import { parseProgramme, PROGRAMME_FILE, targetsNoteOf } from "./programme.server";

test("the committed programme defines the eight indicators of the plan with their targets", () => {
  const programme = parseProgramme(readFileSync(PROGRAMME_FILE, "utf8"));
  const targets = Object.fromEntries(programme.indicators.map((indicator) => [indicator.code, indicator.target]));
  expect(targets).toEqual({
    "T-OFF-D": 90,
    "T-OFF-W": 90,
    "T-BIZ": 90,
    "T-COOP-HH": 70,
    "C-EDU": 90,
    "C-PAR": 80,
    "C-CHILD": 85,
    "C-ORG": 90,
  });
});

test("an indicator naming an unknown target group is refused with the file and the reason", () => {
  const broken = readFileSync(PROGRAMME_FILE, "utf8").replace("groups: [OFF-D]", "groups: [OFF-X]");
  expect(() => parseProgramme(broken, "programme.yml")).toThrow(/programme\.yml is invalid[\s\S]*unknown target group "OFF-X"/);
});

test("the committed programme marks the 2026-2030 targets as assumed, saying so in both languages", () => {
  const programme = parseProgramme(readFileSync(PROGRAMME_FILE, "utf8"));
  const period = programme.periods.find((candidate) => candidate.code === "2026-2030")!;
  expect(period.targetsAssumed).toBe(true);
  expect(targetsNoteOf(period, "vi")).toMatch(/2026-2030 là giả định.*áp dụng tiếp chỉ tiêu 2021-2025/);
  expect(targetsNoteOf(period, "en")).toMatch(/2026-2030 targets are assumed.*2021-2025 targets are carried over/);
  const plan = programme.periods.find((candidate) => candidate.code === "2021-2025")!;
  expect(targetsNoteOf(plan, "vi")).toBeNull();
});

test("a period marked as assumed without its note is refused", () => {
  const broken = readFileSync(PROGRAMME_FILE, "utf8").replace(/ {4}targetsNote:\n( {6}.*\n){2}/, "");
  expect(broken).not.toContain("targetsNote");
  expect(() => parseProgramme(broken, "programme.yml")).toThrow(/programme\.yml is invalid[\s\S]*periods\.1\.targetsNote: a period whose targets are assumed needs targetsNote/);
});

test("the committed programme has a half-year report to 30/6 and a year report to 31/12 for every year of every plan period", () => {
  const programme = parseProgramme(readFileSync(PROGRAMME_FILE, "utf8"));
  const years = programme.periods.flatMap((period) => {
    const [first, last] = [period.start.getUTCFullYear(), period.end.getUTCFullYear()];
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  });
  expect(programme.reportingPeriods.map((report) => report.code)).toEqual(years.flatMap((year) => [`${year}-6T`, `${year}-N`]));
  const halfYear = programme.reportingPeriods.find((report) => report.code === "2026-6T")!;
  // Hà Nội days: 1/1 at midnight to the end of 30/6, due by the end of 15/7.
  expect(halfYear.start.toISOString()).toBe("2025-12-31T17:00:00.000Z");
  expect(halfYear.end.toISOString()).toBe("2026-06-30T16:59:59.999Z");
  expect(halfYear.due.toISOString()).toBe("2026-07-15T16:59:59.999Z");
});

test("a reporting period due before it ends, or ending on another day than its kind's, is refused with the reason", () => {
  const source = readFileSync(PROGRAMME_FILE, "utf8");
  expect(() => parseProgramme(source.replace("end: 2026-06-30, due: 2026-07-15", "end: 2026-06-30, due: 2026-06-01"), "programme.yml")).toThrow(
    /reportingPeriods\.10: reporting period 2026-6T is due \(2026-06-01\) before it ends \(2026-06-30\)/,
  );
  expect(() => parseProgramme(source.replace("end: 2026-06-30, due: 2026-07-15", "end: 2026-05-31, due: 2026-07-15"), "programme.yml")).toThrow(
    /a half-year report ends on 2026-06-30/,
  );
});
