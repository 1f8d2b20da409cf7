// `npm run bench:pages`: what a phone on a slow network gets, measured by Lighthouse 12 (its mobile
// preset: a mid-range phone, simulated slow 4G, 4x CPU slowdown) in Debian's Chromium, on five pages:
// home, the course list, a signed-in lesson, a ward's report and a certificate's verification.
// Then the bytes of a first visit to a lesson (all of it, and its JavaScript), and of a second lesson
// opened from the first inside the app (client-side navigation: only its data).
// Targets (issue 18): performance >= 90 and CLS < 0.1 on each page; first visit <= 200 KB with
// JavaScript <= 120 KB; second lesson <= 15 KB. Needs a build (`npm run build`). On a machine shared
// with other work, performance scores vary by several points from run to run.
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { startBenchServer } from "./bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3202);
const ORIGIN = `http://localhost:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const WARD_ADMIN = "+84901000002";
const WARD = "HN-HA-DONG";

type NetworkItem = { url: string; transferSize?: number; resourceType?: string; sessionTargetType?: string };

const server = await startBenchServer({ port: PORT, databaseFile: "data/bench-pages.db" });
const { startSession } = await import("#app/utils/auth.server");
const { prisma } = await import("#app/utils/db.server");
const { getCatalogue } = await import("#app/content/catalogue.server");
const wardAdmin = await prisma.user.findUniqueOrThrow({ where: { phone: WARD_ADMIN }, select: { id: true } });
const adminCookie = (await startSession(wardAdmin.id)).split(";")[0] ?? "";
// The demo's certified business: the verification page with a result, not the empty search form.
const certificate = await prisma.certificate.findFirstOrThrow({ select: { code: true } });
const course = (await getCatalogue()).courses[0]!;
const [firstModule, secondModule] = course.modules;
if (!firstModule || !secondModule) throw new Error("the first course needs two modules");

const pages: { name: string; path: string; cookie?: string }[] = [
  { name: "home", path: "/" },
  { name: "course list", path: "/khoa-hoc", cookie: server.learnerCookie },
  { name: "lesson", path: server.lessonPath, cookie: server.learnerCookie },
  { name: "ward report", path: `/quan-tri/bao-cao/${WARD}`, cookie: adminCookie },
  { name: "verification", path: `/xac-minh/${certificate.code}` },
];

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Lighthouse's mobile run of one page: its scores and what the page itself downloaded. */
async function audit(path: string, cookie?: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(`${ORIGIN}${path}`, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: ["performance"],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`no Lighthouse result for ${path}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.message}`);
    // The offline worker's own downloads (after the page has loaded) are not part of the visit.
    const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter((item) => (item.sessionTargetType ?? "page") === "page");
    const bytes = (filter: (item: NetworkItem) => boolean) => items.filter(filter).reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
      lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
      tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
      requests: items.length,
      total: bytes(() => true),
      script: bytes((item) => item.resourceType === "Script"),
    };
  } finally {
    chrome.kill();
  }
}

/** Bytes on the wire when the learner, on the first lesson, goes on to the second inside the app (with JavaScript). */
async function secondLessonBytes() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((flag) => !flag.startsWith("--headless")) });
  try {
    const context = await browser.newContext({ baseURL: ORIGIN });
    const [name = "", value = ""] = server.learnerCookie.split("=");
    await context.addCookies([{ name, value, url: ORIGIN }]);
    const page = await context.newPage();
    await page.goto(`/khoa-hoc/${course.slug}/${firstModule!.slug}`);
    await page.waitForFunction(() => "__remixRouter" in window);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let bytes = 0;
    const urls: string[] = [];
    cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
    cdp.on("Network.requestWillBeSent", (event) => urls.push(event.request.url));
    // The link to the next lesson shows only once this one's quiz is passed: follow it as the app's
    // router does (a client-side navigation, as a click on the link would start).
    await page.evaluate(
      (to) => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(to),
      `/khoa-hoc/${course.slug}/${secondModule!.slug}`,
    );
    await page.getByRole("heading", { level: 1, name: secondModule!.title }).waitFor();
    await page.waitForLoadState("networkidle");
    return { bytes, urls };
  } finally {
    await browser.close();
  }
}

try {
  console.log(
    `${"page".padEnd(14)} ${"perf".padStart(4)} ${"CLS".padStart(6)} ${"LCP ms".padStart(7)} ${"TBT ms".padStart(7)} ${"reqs".padStart(4)} ${"KB".padStart(7)} ${"JS KB".padStart(7)}  path`,
  );
  const results = [];
  for (const page of pages) {
    const result = await audit(page.path, page.cookie);
    results.push({ ...page, ...result });
    console.log(
      `${page.name.padEnd(14)} ${String(result.performance).padStart(4)} ${result.cls.toFixed(3).padStart(6)} ${result.lcp.toFixed(0).padStart(7)} ${result.tbt.toFixed(0).padStart(7)} ${String(result.requests).padStart(4)} ${kb(result.total).padStart(7)} ${kb(result.script).padStart(7)}  ${page.path}`,
    );
  }
  const second = await secondLessonBytes();
  console.log(`second lesson inside the app: ${kb(second.bytes)} KB in ${second.urls.length} requests (target <= 15 KB)`);
  const lesson = results.find((result) => result.name === "lesson")!;
  const lowest = Math.min(...results.map((result) => result.performance));
  const highestCls = Math.max(...results.map((result) => result.cls));
  console.log(`targets: performance >= 90, CLS < 0.1, lesson first visit <= 200 KB with JS <= 120 KB`);
  console.log(`pages: lowest performance ${lowest}, highest CLS ${highestCls.toFixed(3)}, lesson first visit ${kb(lesson.total)} KB, JS ${kb(lesson.script)} KB`);
} finally {
  await server.stop();
}
