import http from "node:http";
import { rmSync } from "node:fs";

import Database from "better-sqlite3";

import { read, type Reply, send, serverSandbox, startAppServer } from "./app-server";
import { expect, test } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("/healthz and /readyz answer ok on the migrated database", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok");
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toBe("ok");
  expect(ready.headers()["cache-control"]).toBe("no-store");
});

test("a sane X-Request-Id comes back on the response; anything else is replaced by a new id", async ({ request }) => {
  const kept = await request.get("/healthz", { headers: { "X-Request-Id": "lb-7f3a9c21e4" } });
  expect(kept.headers()["x-request-id"]).toBe("lb-7f3a9c21e4");
  const replaced = await request.get("/healthz", { headers: { "X-Request-Id": "<script>alert(1)</script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(UUID);
  const generated = await request.get("/healthz");
  expect(generated.headers()["x-request-id"]).toMatch(UUID);
});

function sessionId(reply: Reply) {
  const cookie = [reply.headers["set-cookie"] ?? []].flat().find((line) => line.startsWith("session="));
  const id = cookie?.split(";")[0]?.slice("session=".length);
  if (!id) throw new Error(`no session cookie in ${JSON.stringify(reply.headers)}`);
  return id;
}

test("the server logs one JSON line per request without secrets, and SIGTERM lets the request in flight finish", async () => {
  test.setTimeout(240_000);
  const { dir, databaseFile, port, env } = await serverSandbox("plte-ops-");
  const db = new Database(databaseFile);
  const ward = db.prepare(`SELECT "id" FROM "AdminUnit" WHERE "code" = 'HN-HA-DONG'`).get() as { id: string };
  const server = await startAppServer(env);
  const { logged, exited } = server;

  try {
    const origin = { Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" };
    expect((await send(port, "GET", "/readyz")).body).toBe("ok");

    // Search terms are people's names and phones: the query string must never reach the log.
    const search = await send(port, "GET", "/chung-nhan?q=Nguy%E1%BB%85n+Th%E1%BB%8B+Kho%C3%A1&kind=household", { "X-Request-Id": "ops-search-0001" });
    expect(search.status).toBe(200);
    expect(search.headers["x-request-id"]).toBe("ops-search-0001");

    const phone = "0912345678";
    const password = "mat-khau-rat-rieng-2026";
    const signUpForm = new URLSearchParams({ fullName: "Lê Văn Vận Hành", phone, email: "", password, unitId: ward.id, targetGroup: "HH", consent: "on" });
    const signedUp = await send(port, "POST", "/dang-ky", origin, signUpForm.toString());
    expect(signedUp.status).toBe(302);
    const firstSession = sessionId(signedUp);
    const signedIn = await send(port, "GET", "/khoa-hoc", { Cookie: `session=${firstSession}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toContain("Lê Văn Vận Hành");

    // A migration the database no longer records as applied takes the process out of rotation.
    const latest = db.prepare(`SELECT "migration_name" AS name FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`).get() as { name: string };
    db.prepare(`UPDATE "_prisma_migrations" SET "rolled_back_at" = 1 WHERE "migration_name" = ?`).run(latest.name);
    const notReady = await send(port, "GET", "/readyz");
    expect(notReady.status).toBe(503);
    expect(notReady.body).toBe(`migrations not applied: ${latest.name}`);
    db.prepare(`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = ?`).run(latest.name);
    expect((await send(port, "GET", "/readyz")).status).toBe(200);

    // A sign-in whose body is still on its way when SIGTERM arrives. The server's "100 Continue"
    // proves it has taken the request; the body is sent only once shutdown has begun.
    const signInForm = new URLSearchParams({ identifier: phone, password }).toString();
    const inFlight = new Promise<Reply>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          // Kept alive, as browsers and proxies do: shutdown must close the socket once it is idle.
          agent: new http.Agent({ keepAlive: true }),
          method: "POST",
          path: "/dang-nhap",
          headers: { ...origin, "Content-Length": Buffer.byteLength(signInForm), Expect: "100-continue" },
        },
        (response) => read(response).then(resolve, reject),
      );
      request.on("error", reject);
      request.on("continue", () => {
        server.kill("SIGTERM");
        logged("shutting down")
          .then(() => expect(send(port, "GET", "/healthz")).rejects.toThrow(/ECONNREFUSED/))
          .then(() => request.end(signInForm), reject);
      });
    });
    const finished = await inFlight;
    expect(finished.status).toBe(302);
    const secondSession = sessionId(finished);
    expect(await exited).toBe(0);
    expect(server.stderr()).toBe("");

    const lines = server
      .stdout()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) {
      expect(new Date(String(line.time)).toISOString()).toBe(line.time);
      expect(["info", "warn", "error"]).toContain(line.level);
    }
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(["listening", "shutting down", "stopped"]));
    expect(lines.at(-1)).toMatchObject({ msg: "stopped", signal: "SIGTERM" });
    expect(lines.find((line) => line.requestId === "ops-search-0001")).toEqual({
      time: expect.any(String),
      level: "info",
      msg: "request",
      requestId: "ops-search-0001",
      method: "GET",
      path: "/chung-nhan",
      status: 200,
      durationMs: expect.any(Number),
    });
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests.map((line) => `${line.method} ${line.path} ${line.status}`)).toEqual(
      expect.arrayContaining(["POST /dang-ky 302", "GET /khoa-hoc 200", "GET /readyz 503", "POST /dang-nhap 302"]),
    );
    for (const line of requests) {
      expect(String(line.requestId)).toMatch(line.requestId === "ops-search-0001" ? /./ : UUID);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }
    for (const secret of [firstSession, secondSession, password, phone, "Nguy", "household", "kind=", "session=", "Cookie", "cookie"]) {
      expect(server.stdout(), `the log must not contain ${secret}`).not.toContain(secret);
    }
  } finally {
    db.close();
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
