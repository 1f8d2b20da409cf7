import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

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
