// `npm run db:backup -- [target-file]`: a consistent copy of the SQLite database of DATABASE_URL,
// safe while the app is running. Prints the path of the copy.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { fail, sqliteFileFromEnv } from "./sqlite-file";

const source = sqliteFileFromEnv();
if (!existsSync(source)) fail(`No database at ${source}`);
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "");
const target = path.resolve(process.argv[2] ?? path.join("data", "backups", `app-${stamp}Z.db`));
if (existsSync(target)) fail(`${target} exists already; name another file.`);
mkdirSync(path.dirname(target), { recursive: true });

// SQLite's online backup API. All pages go in one step, which is one read transaction: the copy
// is a snapshot as of that moment and cannot be restarted endlessly by the app's writes (the
// default of 100 pages a step starts over whenever another process writes). The app runs in WAL
// mode, so its writes do not wait for that step; under a rollback journal (a file copied in from
// elsewhere) they would wait for the page copy, within SQLite's 5 s busy timeout. The copy is made
// under a temporary name so that the printed path only ever names a complete file.
const partial = `${target}.partial`;
const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
try {
  await db.backup(partial, { progress: () => 0x7fffffff });
  renameSync(partial, target);
} catch (error) {
  rmSync(partial, { force: true });
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  db.close();
}
console.log(target);
