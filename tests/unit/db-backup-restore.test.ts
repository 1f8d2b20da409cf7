import { execFile, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
const BACKUP = path.resolve("scripts/db-backup.ts");
const RESTORE = path.resolve("scripts/db-restore.ts");

// A fresh database made from the migrations, as `npm start` makes one; every test copies it.
let dir: string;
let migrated: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plte-backup-"));
  migrated = path.join(dir, "migrated.db");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${migrated}` }, stdio: "pipe" });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function envFor(file: string) {
  return { ...process.env, DATABASE_URL: `file:${file}` };
}

function fresh(name: string) {
  const file = path.join(dir, name);
  copyFileSync(migrated, file);
  return file;
}

function probeRows(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT CAST(substr("key", 7) AS INTEGER) AS n FROM "SignInBudget" WHERE "key" LIKE 'probe:%' ORDER BY n`).all() as { n: number }[]).map((row) => row.n);
  } finally {
    db.close();
  }
}

function integrity(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check");
  } finally {
    db.close();
  }
}

function sha256(file: string) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * Another process writing the way the app does: one committed row at a time, each acknowledged
 * on stdout only after its commit returned.
 */
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { fileMustExist: true, timeout: 5000 });
db.pragma("journal_mode = " + process.argv[2]);
// No automatic checkpoints: the rows stay in the write-ahead log, which a copy of the file alone
// would miss.
db.pragma("wal_autocheckpoint = 0");
const insert = db.prepare('INSERT INTO "SignInBudget" ("key", "windowStart", "count") VALUES (?, ?, 1)');
let n = 0;
(function write() {
  for (let i = 0; i < 5; i++) {
    n += 1;
    insert.run("probe:" + n, Date.now());
    process.stdout.write(n + "\\n");
  }
  // About 250 commits a second: busy for a ward server, and a log that stays small.
  setTimeout(write, 20);
})();
`;

function startWriter(file: string, journalMode: string) {
  const child = spawn(process.execPath, ["-e", WRITER, file, journalMode], { stdio: ["ignore", "pipe", "pipe"] });
  const state = { acknowledged: 0, stderr: "", exitCode: null as number | null };
  let pending = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    const last = lines.at(-1);
    if (last) state.acknowledged = Number(last);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (state.stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", (code) => ((state.exitCode = code), resolve())));
  return {
    state,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a command as the user would and returns its exit code and output, failing or not. */
async function command(file: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()) {
  try {
    const { stdout, stderr } = await run(file, args, { env, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run db:backup", () => {
  // WAL is what a busy SQLite server would switch to; the app today keeps SQLite's default
  // rollback journal, under which the writer waits for the copy instead of running beside it.
  test.each(["wal", "delete"])("copies a database that another process is writing to (%s journal), and the copy restores", { timeout: 180_000 }, async (journalMode) => {
    const live = fresh(`live-${journalMode}.db`);
    const writer = startWriter(live, journalMode);
    try {
      await until(() => writer.state.acknowledged >= 500, "the writer's first rows");
      const acknowledgedBefore = writer.state.acknowledged;
      const target = path.join(dir, `copy-${journalMode}.db`);
      const backup = await command("npm", ["run", "-s", "db:backup", "--", target], envFor(live));
      expect(backup.stderr).toBe("");
      expect(backup).toMatchObject({ code: 0, stdout: `${target}\n` });
      // The writer went on while the command ran, and never failed for want of the lock.
      await until(() => writer.state.acknowledged > acknowledgedBefore + 500, "writes after the backup");
      expect(writer.state).toMatchObject({ exitCode: null, stderr: "" });

      expect(integrity(target)).toEqual([{ integrity_check: "ok" }]);
      const copied = probeRows(target);
      // A snapshot: every row acknowledged before the backup began, and no gap after them.
      expect(copied.length).toBeGreaterThanOrEqual(acknowledgedBefore);
      expect(copied).toEqual(Array.from({ length: copied.length }, (_, index) => index + 1));
      expect(readdirSync(dir).filter((name) => name.includes(".partial"))).toEqual([]);

      const restoredAt = path.join(dir, `elsewhere-${journalMode}`, "app.db");
      const restore = await command("npm", ["run", "-s", "db:restore", "--", target], envFor(restoredAt));
      expect(restore).toMatchObject({ code: 0, stderr: "" });
      expect(restore.stdout).toContain(`to ${restoredAt}`);
      expect(probeRows(restoredAt)).toEqual(copied);
      expect(integrity(restoredAt)).toEqual([{ integrity_check: "ok" }]);
    } finally {
      await writer.stop();
    }
  });

  test("without a target, writes data/backups/app-<time>.db beside the default database", { timeout: 120_000 }, async () => {
    const cwd = path.join(dir, "install");
    mkdirSync(path.join(cwd, "data"), { recursive: true });
    copyFileSync(migrated, path.join(cwd, "data", "app.db"));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const backup = await command(TSX, [BACKUP], env, cwd);
    expect(backup).toMatchObject({ code: 0, stderr: "" });
    const printed = backup.stdout.trim();
    expect(path.relative(cwd, printed)).toMatch(/^data\/backups\/app-\d{4}-\d\d-\d\dT\d{6}Z\.db$/);
    expect(integrity(printed)).toEqual([{ integrity_check: "ok" }]);

    const again = await command(TSX, [BACKUP, printed], env, cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already");
  });
});

describe("npm run db:restore", () => {
  function expectRefused(result: { code: number; stderr: string }, target: string, before: string, reason: RegExp) {
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Not restored: /);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain(`${target} is unchanged`);
    expect(sha256(target)).toBe(before);
    expect(readdirSync(path.dirname(target)).filter((name) => name.includes(".restoring"))).toEqual([]);
  }

  test("refuses a file that is not a database, a damaged one and another app's, leaving the database as it was", { timeout: 120_000 }, async () => {
    const target = fresh("in-use.db");
    const before = sha256(target);

    const notes = path.join(dir, "notes.db");
    writeFileSync(notes, "Danh sách học viên, không phải cơ sở dữ liệu.\n".repeat(200));
    expectRefused(await command(TSX, [RESTORE, notes], envFor(target)), target, before, /not a readable SQLite database \(file is not a database\)/);

    // Garbage over a page the database certainly uses: the root of the migrations table.
    const damaged = fresh("damaged.db");
    const db = new Database(damaged, { readonly: true });
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = '_prisma_migrations'`).get() as { rootpage: number };
    db.close();
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    expectRefused(await command(TSX, [RESTORE, damaged], envFor(target)), target, before, /malformed|integrity check/);

    const other = path.join(dir, "other-app.db");
    const otherDb = new Database(other);
    otherDb.exec("CREATE TABLE notes (body TEXT)");
    otherDb.close();
    expectRefused(await command(TSX, [RESTORE, other], envFor(target)), target, before, /no _prisma_migrations table/);
  });

  test("names the missing file and the usage", { timeout: 60_000 }, async () => {
    const target = fresh("kept.db");
    const missing = await command(TSX, [RESTORE, path.join(dir, "no-such-backup.db")], envFor(target));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain("No file at");
    const usage = await command(TSX, [RESTORE], envFor(target));
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("usage: npm run db:restore -- <backup-file>");
    expect(existsSync(target)).toBe(true);
  });

  test("both commands point a PostgreSQL database to pg_dump and pg_restore", { timeout: 60_000 }, async () => {
    const env = { ...process.env, DATABASE_URL: "postgresql://plte@127.0.0.1:5432/plte" };
    for (const script of [BACKUP, RESTORE]) {
      const result = await command(TSX, [script, path.join(dir, "x.db")], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("pg_dump --format=custom");
      expect(result.stderr).toContain("pg_restore --clean --if-exists");
    }
  });
});
