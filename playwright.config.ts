import { defineConfig } from "@playwright/test";

import { PHONE_IN_DEBIAN_CHROMIUM } from "./tests/setup/debian-chromium";

// E2E_PORT lets two runs share a machine: each gets its own server and database file.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The end-to-end database: made afresh from the migrations and the demo seed at every run.
const DATABASE_FILE = `data/e2e-${PORT}.db`;
const DATABASE_URL = `file:./${DATABASE_FILE}`;
process.env.DATABASE_URL = DATABASE_URL;
// Text messages (phone confirmation codes) go to this file, which the tests read.
const SMS_FILE = `data/sms-${PORT}.log`;
process.env.SMS_FILE = SMS_FILE;
// The shared secret of a gateway forwarding SMS replies to /api/sms-reply (outbox-admin.spec.ts).
process.env.SMS_REPLY_TOKEN = "e2e-gateway-reply-secret";
process.env.COOKIE_SECURE = "false";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
  },
  projects: [PHONE_IN_DEBIAN_CHROMIUM],
  webServer: {
    command: `rm -f ${DATABASE_FILE} ${DATABASE_FILE}-wal ${DATABASE_FILE}-shm ${SMS_FILE} && node scripts/start.js`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), DATABASE_URL, NODE_ENV: "production", COOKIE_SECURE: "false", DEMO_DATA: "on", SMS_SENDER: "file", SMS_FILE },
  },
});
