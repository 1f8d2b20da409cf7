// `npm run db:restore -- <backup-file>`: replaces the SQLite database of DATABASE_URL with a copy
// made by `npm run db:backup`. Stop the app first: a running server keeps its connection to the
// old file and would go on writing to it.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { fail, sqliteFileFromEnv } from "./sqlite-file";

const target = sqliteFileFromEnv();
const backup = process.argv[2];
if (!backup) fail("usage: npm run db:restore -- <backup-file>   (stop the app first)");
if (!existsSync(backup)) fail(`No file at ${path.resolve(backup)}`);

/** Why this file cannot be restored, or null when it is a sound database of this app. */
function problemWith(file: string) {
  const db = new Database(file, { fileMustExist: true });
  try {
    const check = db.pragma("integrity_check") as { integrity_check: string }[];
    if (check.length !== 1 || check[0]?.integrity_check !== "ok") {
      return `it fails SQLite's integrity check: ${check
        .map((row) => row.integrity_check)
        .slice(0, 3)
        .join("; ")}`;
    }
    const migrations = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!migrations) return "it has no _prisma_migrations table, so it is not a database of this app";
    return null;
  } catch (error) {
    // SQLITE_NOTADB for a file of another kind, SQLITE_CORRUPT for a damaged one.
    return `it is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db.close();
  }
}

function removeSidecars(file: string) {
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

// Checked as the very copy that will be renamed into place, beside the target so that the
// rename is atomic: the target is either the old database or the restored one, never half.
mkdirSync(path.dirname(target), { recursive: true });
const incoming = `${target}.restoring`;
copyFileSync(backup, incoming);
const problem = problemWith(incoming);
removeSidecars(incoming);
if (problem) {
  rmSync(incoming, { force: true });
  fail(`Not restored: ${path.resolve(backup)} cannot be used because ${problem}. ${target} is unchanged.`);
}
// The old database's journal or write-ahead log must not be replayed onto the restored file.
removeSidecars(target);
renameSync(incoming, target);
console.log(`Restored ${path.resolve(backup)} to ${target}`);
