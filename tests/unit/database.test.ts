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
