import { defineConfig } from "@playwright/test";

import { PHONE_IN_DEBIAN_CHROMIUM } from "./tests/setup/debian-chromium";

// E2E_PORT lets two runs share a machine: each gets its own server and database file.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The end-to-end database: made afresh from the migrations and the demo seed at every run.
const DATABASE_FILE = `data/e2e-${PORT}.db`;
const DATABASE_URL = `file:./${DATABASE_FILE}`;
process.env.DATABASE_URL = DATABASE_URL;
// Text messages go to a fake SMS gateway and e-mails to a local SMTP server, both in one process
// (tests/e2e/fake-gateways.ts) on the two ports after the app's; the gateway also writes each text
// message to this file, where the tests read phone confirmation codes.
const SMS_FILE = `data/sms-${PORT}.log`;
process.env.SMS_FILE = SMS_FILE;
const GATEWAY_PORT = PORT + 1;
const SMTP_PORT = PORT + 2;
const SMS_API_KEY = "e2e-gateway-key";
process.env.FAKE_GATEWAYS_URL = `http://127.0.0.1:${GATEWAY_PORT}`;
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
  webServer: [
    {
      command: `rm -f ${SMS_FILE} && npx tsx tests/e2e/fake-gateways.ts`,
      url: `${process.env.FAKE_GATEWAYS_URL}/`,
      reuseExistingServer: false,
      env: { GATEWAY_PORT: String(GATEWAY_PORT), SMTP_PORT: String(SMTP_PORT), SMS_API_KEY, SMS_FILE },
    },
    {
      command: `rm -f ${DATABASE_FILE} ${DATABASE_FILE}-wal ${DATABASE_FILE}-shm && node scripts/start.js`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(PORT),
        DATABASE_URL,
        NODE_ENV: "production",
        COOKIE_SECURE: "false",
        DEMO_DATA: "on",
        SMS_SENDER: "http",
        SMS_GATEWAY_URL: `${process.env.FAKE_GATEWAYS_URL}/sms`,
        SMS_API_KEY,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "phuong@taphuan.example.vn",
        // The journeys that read delivered text messages run at any hour, 21:00-07:00 in Hà Nội too.
        OUTBOX_QUIET_HOURS: "off",
      },
    },
  ],
});
