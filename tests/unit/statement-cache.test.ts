import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, expect, test, vi } from "vitest";

// The SQLite adapter is patched (patches/@prisma+adapter-better-sqlite3+*.patch) to keep its
// prepared statements per connection and SQL text (issue 21). Its own database file, so that the
// test says the same on a PostgreSQL run of the suite.
const file = path.join(tmpdir(), `plte-statements-${randomUUID()}.db`);
afterAll(() => rmSync(file, { force: true }));

const int = { scalarType: "int", arity: "scalar" } as const;
const text = { scalarType: "string", arity: "scalar" } as const;

test("a statement is prepared once per connection and SQL text, and each run gets its own parameters", async () => {
  const adapter = await new PrismaBetterSQLite3({ url: `file:${file}` }).connect();
  await adapter.executeScript(`CREATE TABLE "Person" ("id" INTEGER PRIMARY KEY, "name" TEXT); INSERT INTO "Person" VALUES (1, 'Lan'), (2, 'Sơn');`);
  const prepare = vi.spyOn(Database.prototype, "prepare");
  const nameOf = async (id: number) => (await adapter.queryRaw({ sql: `SELECT "name" FROM "Person" WHERE "id" = ?`, args: [id], argTypes: [int] })).rows;
  const rename = (id: number, name: string) => adapter.executeRaw({ sql: `UPDATE "Person" SET "name" = ? WHERE "id" = ?`, args: [name, id], argTypes: [text, int] });

  expect(await nameOf(1)).toEqual([["Lan"]]);
  expect(await nameOf(2)).toEqual([["Sơn"]]);
  expect(await rename(1, "Lan Anh")).toBe(1);
  expect(await rename(3, "Không có")).toBe(0);
  expect(await nameOf(1)).toEqual([["Lan Anh"]]);
  expect(await nameOf(3)).toEqual([]);
  expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([`SELECT "name" FROM "Person" WHERE "id" = ?`, `UPDATE "Person" SET "name" = ? WHERE "id" = ?`]);
  prepare.mockRestore();
  await adapter.dispose();
});
