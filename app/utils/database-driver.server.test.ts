import Database from "better-sqlite3";
import { expect, test, vi } from "vitest";

import { Prisma } from "#app/generated/prisma/client";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { eachRow, readRows, runStatement, storedBytes, storedDate } from "./database-driver.server";
import { databaseProvider } from "./database-url";
import { prisma } from "./db.server";
import { env } from "./env.server";

test("a read through the driver sees what the app's client has just committed, and each run its own parameters", async () => {
  const units = await createDistrict();
  const [lan, son] = [await createUser({ unitId: units.vanPhuc.id, fullName: "Nguyễn Thị Lan" }), await createUser({ unitId: units.phuLa.id, fullName: "Trần Văn Sơn" })];
  const nameOf = async (id: string) => (await readRows<{ fullName: string }>(Prisma.sql`SELECT "fullName" FROM "User" WHERE "id" = ${id}`))[0]?.fullName;
  expect(await nameOf(lan.id)).toBe("Nguyễn Thị Lan");
  expect(await nameOf(son.id)).toBe("Trần Văn Sơn");
  await prisma.user.update({ where: { id: lan.id }, data: { fullName: "Nguyễn Thị Lan Anh" }, select: { id: true } });
  expect(await nameOf(lan.id)).toBe("Nguyễn Thị Lan Anh");
  expect(await nameOf("không-có")).toBeUndefined();
});

test("dates and bytes written by the driver or the client read back the same on either database", async () => {
  const units = await createDistrict();
  const admin = await createUser({ unitId: units.vanPhuc.id, role: "ward_admin" });
  const finishedAt = new Date("2026-12-02T07:05:00.123Z");
  const job = await prisma.importJob.create({
    data: { unitId: units.vanPhuc.id, targetGroup: "HH", createdById: admin.id, fileName: "a.csv", fileHash: "", status: "failed", finishedAt },
    select: { id: true },
  });
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  await runStatement(`UPDATE "ImportJob" SET "file" = ? WHERE "id" = ?`, [bytes, job.id]);
  const rows: unknown[][] = [];
  await eachRow(`SELECT "file", "finishedAt" FROM "ImportJob" WHERE "id" = ?`, [job.id], (row) => rows.push(row));
  expect(rows).toHaveLength(1);
  expect([...storedBytes(rows[0]![0] as Buffer | string)]).toEqual([...bytes]);
  expect(storedDate(rows[0]![1] as string).toISOString()).toBe(finishedAt.toISOString());
  const [read] = await readRows<{ finishedAt: Date | string }>(Prisma.sql`SELECT "finishedAt" FROM "ImportJob" WHERE "id" = ${job.id}`);
  expect(storedDate(read!.finishedAt).toISOString()).toBe(finishedAt.toISOString());
  expect((await prisma.importJob.findUniqueOrThrow({ where: { id: job.id }, select: { file: true } })).file).toEqual(new Uint8Array(bytes));
});

test("reads go on past 500 different statements; on SQLite the driver keeps the latest 500 prepared and prepares an older one again", async () => {
  // On PostgreSQL readRows is Prisma's raw query, which prepares nothing here.
  const preparesOnSqlite = (count: number) => (databaseProvider(env.DATABASE_URL) === "sqlite" ? count : 0);
  const numberRead = async (value: number) => (await readRows<{ value: number }>(Prisma.sql`SELECT ${value} + ${Prisma.raw(String(value))} AS "value"`))[0]?.value;
  const prepare = vi.spyOn(Database.prototype, "prepare");
  for (let value = 0; value <= 500; value++) expect(await numberRead(value)).toBe(2 * value);
  expect(prepare).toHaveBeenCalledTimes(preparesOnSqlite(501));
  expect(await numberRead(500)).toBe(1000);
  expect(prepare).toHaveBeenCalledTimes(preparesOnSqlite(501));
  expect(await numberRead(0)).toBe(0);
  expect(prepare).toHaveBeenCalledTimes(preparesOnSqlite(502));
  prepare.mockRestore();
});
