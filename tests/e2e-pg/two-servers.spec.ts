import { spawn, type ChildProcess } from "node:child_process";

import { request as playwrightRequest } from "@playwright/test";

import { SIGN_IN_LIMIT } from "#app/models/sign-in-attempt.server";
import { hashPassword } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { expect, test } from "../e2e/fixtures";

// Two identical app servers on one PostgreSQL database, as behind a load balancer: nothing that
// matters lives in one process. The first is the config's web server; this test starts a second.
const PASSWORD = "mat-khau-hai-may-chu";

let second: ChildProcess | undefined;

test.afterAll(() => {
  second?.kill("SIGTERM");
});

async function startSecondServer(port: number) {
  second = spawn("node", ["server.js"], {
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", COOKIE_SECURE: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    second!.once("exit", (code) => reject(new Error(`the second server exited with ${code}`)));
    second!.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"msg":"listening"')) resolve();
    });
  });
}

async function clientOf(baseURL: string, cookie?: string) {
  return playwrightRequest.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { origin: baseURL, ...(cookie ? { cookie } : {}) },
  });
}

test("a learner signs in on one server and carries on on the other; the sign-in limit counts attempts on both", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const firstURL = baseURL!;
  const secondPort = Number(new URL(firstURL).port) + 1;
  const secondURL = `http://localhost:${secondPort}`;
  await startSecondServer(secondPort);

  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
  const phone = `0966${String(Date.now()).slice(-6)}`;
  await prisma.user.create({
    data: {
      fullName: "Người Học Hai Máy Chủ",
      searchName: foldForSearch("Người Học Hai Máy Chủ"),
      phone: `+84${phone.slice(1)}`,
      unitId: ward.id,
      targetGroup: "HH",
      passwordHash: await hashPassword(PASSWORD),
    },
    select: { id: true },
  });

  // Signed in by the first server, the session is known to the second.
  const first = await clientOf(firstURL);
  const signedIn = await first.post("/dang-nhap", { form: { identifier: phone, password: PASSWORD, redirectTo: "" } });
  expect(signedIn.status()).toBe(302);
  const cookie = (signedIn.headers()["set-cookie"] ?? "").split(";")[0]!;
  expect(cookie).toMatch(/^session=.+/);
  const onSecond = await clientOf(secondURL, cookie);
  const page = await onSecond.get("/khoa-hoc");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("Xin chào, Người Học Hai Máy Chủ");

  // Failed attempts made half on each server add up to the one limit.
  const wrong = (client: typeof first) => client.post("/dang-nhap", { form: { identifier: phone, password: "sai-mat-khau", redirectTo: "" } });
  const anonymousOnFirst = await clientOf(firstURL);
  const anonymousOnSecond = await clientOf(secondURL);
  for (let attempt = 0; attempt < SIGN_IN_LIMIT.attempts; attempt++) {
    const response = await wrong(attempt % 2 === 0 ? anonymousOnFirst : anonymousOnSecond);
    expect(response.status(), `attempt ${attempt + 1}`).toBe(400);
  }
  const refused = await anonymousOnFirst.post("/dang-nhap", { form: { identifier: phone, password: PASSWORD, redirectTo: "" } });
  expect(await refused.text()).toContain("Đã thử quá nhiều lần");
  const refusedToo = await anonymousOnSecond.post("/dang-nhap", { form: { identifier: phone, password: PASSWORD, redirectTo: "" } });
  expect(await refusedToo.text()).toContain("Đã thử quá nhiều lần");
  for (const client of [first, onSecond, anonymousOnFirst, anonymousOnSecond]) await client.dispose();
});
