import { readFileSync } from "node:fs";

import { expect, test } from "vitest";

import { parseProgramme, PROGRAMME_FILE } from "./programme.server";

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
