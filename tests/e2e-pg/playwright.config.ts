import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { PHONE_IN_DEBIAN_CHROMIUM } from "../setup/debian-chromium";

// The smoke journey on PostgreSQL (npm run test:e2e:pg, which sets TEST_POSTGRES_URL): the built
// app started by scripts/start.js on a database of its own on that server, made afresh from the
// PostgreSQL migrations and the demo seed, and dropped at the end. The full suite runs on SQLite.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const server = process.env.TEST_POSTGRES_URL;
if (!server) throw new Error("TEST_POSTGRES_URL must name a PostgreSQL server: run npm run test:e2e:pg");
const url = new URL(server);
url.pathname = `/plte_e2e_${PORT}`;
const DATABASE_URL = url.toString();
process.env.DATABASE_URL = DATABASE_URL;
process.env.COOKIE_SECURE = "false";

export default defineConfig({
  testDir: ".",
  globalTeardown: "./teardown.ts",
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
  },
  projects: [PHONE_IN_DEBIAN_CHROMIUM],
  webServer: {
    command: `npx tsx scripts/pg-database.ts recreate '${DATABASE_URL}' && node scripts/start.js`,
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: { PORT: String(PORT), DATABASE_URL, NODE_ENV: "production", COOKIE_SECURE: "false", DEMO_DATA: "on" },
  },
});
