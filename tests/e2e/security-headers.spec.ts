import { rmSync } from "node:fs";

import { request as playwrightRequest } from "@playwright/test";

import { prisma } from "#app/utils/db.server";

import { send, serverSandbox, startAppServer } from "./app-server";
import { DEMO, DEMO_PASSWORD, expect, openMenu, sessionCookieFor, test } from "./fixtures";

test("every page carries a Content-Security-Policy whose nonce is on each inline script, and refuses framing", async ({ request }) => {
  for (const path of ["/", "/dang-nhap", "/chung-nhan", "/xac-minh"]) {
    const response = await request.get(path);
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `${path}: a script nonce`).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length, `${path}: Remix writes inline scripts`).toBeGreaterThan(0);
    for (const [, attributes = ""] of inline) expect(attributes, path).toContain(`nonce="${nonce}"`);
    // A fresh nonce for every response.
    expect((await request.get(path)).headers()["content-security-policy"]).not.toContain(nonce!);
  }
});

test("the app works under its policy: signing in runs without a blocked script", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(DEMO.householdLearner);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // Signed in (the greeting stays outside the phone's folded menu), then the menu holds the links.
  await expect(page.getByText(/^Xin chào, /)).toBeVisible();
  await openMenu(page);
  const myCourses = page.getByRole("navigation").getByRole("link", { name: "Khóa học của tôi" });
  await expect(myCourses).toBeVisible();
  // Client-side navigation needs the hydrated app, which the policy must not have stopped.
  await myCourses.click();
  await expect(page).toHaveURL(/\/khoa-hoc$/);
  expect(blocked).toEqual([]);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a signed-in page, its data and every export and certificate file are never stored by a browser or a proxy", async ({ baseURL }) => {
  const { name, value } = await sessionCookieFor(DEMO.districtAdmin, baseURL!);
  const client = await playwrightRequest.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: { cookie: `${name}=${value}` } });
  // The demo organisation's certificate, in the district admin's scope.
  const certificate = await prisma.certificate.findFirstOrThrow({ where: { kind: "organisation" }, orderBy: { createdAt: "asc" }, select: { code: true } });
  const exports = ["/quan-tri/bao-cao/xuat", "/quan-tri/bao-cao/chi-tieu/T-COOP-HH/xuat", "/quan-tri/buoi-hoc/xuat", "/quan-tri/danh-sach/xuat"];
  const files = [...exports.flatMap((path) => [path, `${path}?dinh-dang=xlsx`]), `/chung-nhan/${certificate.code}/pdf`];
  for (const path of ["/khoa-hoc", "/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung?_data=routes%2Fquan-tri.nguoi-dung._index", "/?_data=root", "/xac-minh", ...files]) {
    const response = await client.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toMatch(/(^|[ ,])no-store($|,)/);
  }
  await client.dispose();
});

test("HSTS is sent only over HTTPS: not on this plain-HTTP server, even if a client claims a forwarded https", async ({ request }) => {
  const direct = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(direct.headers()["strict-transport-security"]).toBeUndefined();
});

test("behind a trusted proxy that forwards HTTPS, pages carry HSTS for a year, and forms must come from the https origin", async () => {
  test.setTimeout(180_000);
  const { dir, port, env } = await serverSandbox("plte-proxy-");
  const server = await startAppServer({ ...env, TRUST_PROXY: "loopback" });
  try {
    const overHttps = await send(port, "GET", "/", { "X-Forwarded-Proto": "https" });
    expect(overHttps.status).toBe(200);
    expect(overHttps.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect((await send(port, "GET", "/", {})).headers["strict-transport-security"]).toBeUndefined();

    // The browser is on https://host: a form from http://host (a page served in the clear) is refused.
    const signOut = (origin: string) => send(port, "POST", "/dang-xuat", { "X-Forwarded-Proto": "https", Host: `127.0.0.1:${port}`, Origin: origin });
    expect((await signOut(`https://127.0.0.1:${port}`)).status).toBe(302);
    expect((await signOut(`http://127.0.0.1:${port}`)).status).toBe(403);
  } finally {
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
