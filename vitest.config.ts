import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// One SQLite file per test run, made from the committed migrations by tests/setup/global.ts.
// Set on the main process so that the global set-up and every test worker see the same file.
process.env.DATABASE_URL = `file:${path.join(tmpdir(), `plte-unit-${process.pid}-${Date.now()}.db`)}`;

export default defineConfig({
  resolve: {
    alias: {
      "#app": fileURLToPath(new URL("./app", import.meta.url)),
      "#tests": fileURLToPath(new URL("./tests", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    env: { NODE_ENV: "test" },
    pool: "forks",
  },
});
