import { devices, type Project } from "@playwright/test";

/** The one browser project of both end-to-end suites: a small phone, in Debian's Chromium. */
export const PHONE_IN_DEBIAN_CHROMIUM: Project = {
  name: "chromium",
  use: {
    ...devices["Pixel 7"],
    // Debian's Chromium: Playwright's own browser download is not reachable here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
};
