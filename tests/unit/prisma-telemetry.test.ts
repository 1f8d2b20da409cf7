import { spawnSync } from "node:child_process";

import { expect, test } from "vitest";

// Every Prisma command of the project (npm start, build, the tests' and scripts' `npx prisma ...`)
// runs the CLI from the repository, which reads prisma.config.ts before its update check: the
// check must be off there, whatever the caller's environment says.
test("a Prisma command of the project does not contact Prisma's update-check service", () => {
  const { CHECKPOINT_DISABLE: _unset, ...inherited } = process.env;
  const result = spawnSync("npx", ["prisma", "validate"], { env: { ...inherited, DEBUG: "prisma:cli:checkpoint" }, encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, output).toBe(0);
  expect(output).toContain("disabled by the CHECKPOINT_DISABLE env var");
  expect(output).not.toContain("checkpoint.check");
}, 60_000);
