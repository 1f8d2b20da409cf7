import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import { expect } from "@playwright/test";

// A built server (server.js) of its own on its own SQLite file, for the tests that stop, kill or
// restart it: the suite's shared server (playwright.config.ts) must stay up for the others.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The environment of a production server on `databaseFile`, migrated and seeded without demo people. */
function preparedDatabase(databaseFile: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    DEMO_DATA: "off",
    NODE_ENV: "production",
    COOKIE_SECURE: "false",
    PORT: String(port),
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  return env;
}

/**
 * A temporary folder (delete `dir` afterwards) holding a migrated, seeded database file, and the
 * environment of a server for it on a free port.
 */
export async function serverSandbox(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const databaseFile = path.join(dir, "app.db");
  const port = await freePort();
  return { dir, databaseFile, port, base: `http://127.0.0.1:${port}`, env: preparedDatabase(databaseFile, port) };
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function read(response: http.IncomingMessage): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let body = "";
    response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    response.on("error", reject);
  });
}

export function send(port: number, method: string, target: string, headers: http.OutgoingHttpHeaders = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A connection of its own each time, so that "refused" means the server stopped listening.
    const request = http.request({ host: "127.0.0.1", port, method, path: target, headers, agent: false }, (response) => read(response).then(resolve, reject));
    request.on("error", reject);
    request.end(body);
  });
}

export type AppServer = {
  pid: number;
  /** Signals the server and, under WEB_CONCURRENCY, every worker it started (one process group). */
  kill: (signal: NodeJS.Signals) => void;
  /** Whether any process of the group is still running. */
  groupAlive: () => boolean;
  /** The exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  /** Waits until the server has logged a line with this message. */
  logged: (msg: string) => Promise<void>;
};

export async function startAppServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
  const child = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const logged = async (msg: string) => {
    await expect.poll(() => stdout.includes(`"msg":"${msg}"`), { timeout: 120_000, message: `log line "${msg}"; stderr: ${stderr}` }).toBe(true);
  };
  await logged("listening");
  const group = -child.pid!;
  const groupAlive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  const kill = (signal: NodeJS.Signals) => {
    if (groupAlive()) process.kill(group, signal);
  };
  return { pid: child.pid!, kill, groupAlive, exited, stdout: () => stdout, stderr: () => stderr, logged };
}

/** Posts a form to the server as a browser on its page would (same origin), without following redirects. */
export function postTo(base: string, target: string, cookie: string, body: URLSearchParams | FormData) {
  return fetch(`${base}${target}`, { method: "POST", redirect: "manual", headers: { origin: base, cookie }, body });
}

/**
 * Imports a roster file the way the pages do: upload, wait for the preview, confirm the file
 * previewed (its hash), wait for the result. The job page's final HTML, or null when the upload
 * was not taken or the job failed.
 */
export async function importRosterOn(base: string, cookie: string, form: FormData, options: { clearLeft?: boolean } = {}) {
  const uploaded = await postTo(base, "/quan-tri/danh-sach?index", cookie, form);
  const jobPage = uploaded.headers.get("location");
  if (uploaded.status !== 302 || !jobPage) return null;
  const settled = async (until: RegExp) => {
    for (;;) {
      const page = await (await fetch(`${base}${jobPage}`, { headers: { cookie } })).text();
      if (until.test(page) || page.includes("Chưa nhập gì vào danh sách")) return page;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const preview = await settled(/name="fileHash"/);
  const fileHash = /name="fileHash" value="([0-9a-f]{64})"/.exec(preview)?.[1];
  if (!fileHash) return null;
  const decision = new URLSearchParams({ intent: "confirm", fileHash, ...(options.clearLeft ? { clearLeft: "on" } : {}) });
  const confirmed = await postTo(base, jobPage, cookie, decision);
  if (confirmed.status !== 302) return null;
  const result = await settled(/Đã nhập xong/);
  return result.includes("Đã nhập xong") ? result : null;
}

/** Signs a learner of the ward up through the sign-up page; the session cookie of the new account. */
export async function signUpOn(base: string, wardId: string, fullName: string, phone: string) {
  const form = new URLSearchParams({ fullName, phone, email: "", password: "mat-khau-thu-may-rieng", unitId: wardId, targetGroup: "HH", consent: "on" });
  const response = await postTo(base, "/dang-ky", "", form);
  expect(response.status, `sign-up of ${fullName}`).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** Makes the account with this phone (0xxxxxxxxx) an admin of its ward, directly in the database file. */
export function makeWardAdmin(databaseFile: string, phone: string) {
  const db = new Database(databaseFile);
  db.prepare(`UPDATE "User" SET "role" = 'ward_admin' WHERE "phone" = ?`).run(`+84${phone.slice(1)}`);
  db.close();
}

/** The id of a ward of the seeded units, read from the database file. */
export function wardIdOf(databaseFile: string, code: string) {
  const db = new Database(databaseFile, { readonly: true });
  const { id } = db.prepare(`SELECT "id" FROM "AdminUnit" WHERE "code" = ?`).get(code) as { id: string };
  db.close();
  return id;
}
