import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// One database per test run, made from the committed migrations by tests/setup/global.ts: a
// SQLite file, or with TEST_POSTGRES_URL (a PostgreSQL server's URL, any database on it) a new
// database on that server (`npm run test:pg`). Set on the main process so that the global set-up
// and every test worker see the same database.
const run = `${process.pid}_${Date.now()}`;
const postgres = process.env.TEST_POSTGRES_URL;
if (postgres) {
  const url = new URL(postgres);
  url.pathname = `/plte_unit_${run}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = `file:${path.join(tmpdir(), `plte-unit-${run}.db`)}`;
}

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
