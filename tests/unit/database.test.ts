import { randomUUID } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { Worker } from "node:worker_threads";

import pg from "pg";
import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { databaseProvider, postgresPoolConfig } from "#app/utils/database-url";

// The suite runs twice in CI, on SQLite and on PostgreSQL (npm run test:unit:pg): this says which
// database a run really used, so a PostgreSQL run cannot pass on SQLite by mistake.
describe("the database of DATABASE_URL", () => {
  test("a file: URL is SQLite and a postgres:// URL is PostgreSQL; anything else is refused", () => {
    expect(databaseProvider("file:./data/app.db")).toBe("sqlite");
    expect(databaseProvider("postgres://u@h/db")).toBe("postgresql");
    expect(databaseProvider("postgresql://u@h/db")).toBe("postgresql");
    expect(() => databaseProvider("mysql://u@h/db")).toThrow(/file: URL \(SQLite\) or a postgres:\/\/ URL/);
  });

  test("a PostgreSQL URL becomes separate pool fields, decoded", () => {
    expect(postgresPoolConfig("postgresql://c%C3%A1n%20b%E1%BB%99:p%40ss@db.example.vn:6543/plte?sslmode=require&schema=app")).toEqual({
      host: "db.example.vn",
      port: 6543,
      user: "cán bộ",
      password: "p@ss",
      database: "plte",
      ssl: { rejectUnauthorized: false },
      schema: "app",
    });
  });

  test("the run's queries go to the database the run was given", async () => {
    const url = process.env.DATABASE_URL ?? "";
    if (databaseProvider(url) === "postgresql") {
      // current_database() is of the catalogue type `name`, which the runtime adapter cannot decode.
      const [row] = await prisma.$queryRaw<{ database: string; version: string }[]>`SELECT current_database()::text AS "database", version() AS "version"`;
      expect(row?.database).toBe(postgresPoolConfig(url).database);
      expect(row?.version).toMatch(/^PostgreSQL 15\./);
    } else {
      const [row] = await prisma.$queryRaw<{ version: string }[]>`SELECT sqlite_version() AS "version"`;
      expect(row?.version).toMatch(/^3\./);
      // Write-ahead log, synced as SQLITE_SYNCHRONOUS says (NORMAL = 1 by default, FULL = 2).
      const [journal] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [sync] = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
      expect(journal?.journal_mode).toBe("wal");
      expect(Number(sync?.synchronous)).toBe(process.env.SQLITE_SYNCHRONOUS === "full" ? 2 : 1);
    }
  });
});

/**
 * Writes one row from another connection, as the roster-import worker or a second app server does.
 * SQLite's driver waits for a lock synchronously, so its connection lives on a thread of its own.
 */
async function insertFromAnotherConnection(sql: string) {
  const url = process.env.DATABASE_URL ?? "";
  if (databaseProvider(url) === "postgresql") {
    const { schema, ...config } = postgresPoolConfig(url);
    const client = new pg.Client(config);
    await client.connect();
    try {
      if (schema) await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const file = path.resolve(url.replace(/^file:/, "").split("?")[0] ?? "");
  const worker = new Worker(
    `const Database = require("better-sqlite3");
     const { workerData } = require("node:worker_threads");
     const db = new Database(workerData.file);
     db.pragma("busy_timeout = 5000");
     db.prepare(workerData.sql).run();
     db.close();`,
    { eval: true, workerData: { file, sql } },
  );
  await once(worker, "exit");
}

test("a transaction that reads, then writes after another connection committed, still commits", async () => {
  const course = `transaction-${randomUUID()}`;
  const insert = (module: string) => `INSERT INTO "SelfCheckTally" ("courseSlug", "moduleSlug", "completed", "updatedAt") VALUES ('${course}', '${module}', 1, CURRENT_TIMESTAMP)`;
  let otherWrite: Promise<void> = Promise.resolve();
  // Before SQLite transactions began IMMEDIATE, the read took a snapshot, the other connection
  // committed meanwhile, and this transaction's write failed with SQLITE_BUSY_SNAPSHOT at once
  // (busy_timeout does not apply): a sign-up failed while an import was being written.
  await prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT COUNT(*) FROM "SelfCheckTally" WHERE "courseSlug" = '${course}'`);
    otherWrite = insertFromAnotherConnection(insert("other"));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await tx.$executeRawUnsafe(insert("mine"));
  });
  await otherWrite;
  const [row] = await prisma.$queryRawUnsafe<{ rows: bigint | number }[]>(`SELECT COUNT(*) AS "rows" FROM "SelfCheckTally" WHERE "courseSlug" = '${course}'`);
  expect(Number(row?.rows)).toBe(2);
});
