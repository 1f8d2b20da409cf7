import { readFileSync } from "node:fs";

import { describe, expect, test } from "vitest";

import { databaseProvider } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { normaliseStoredText } from "./stored-text.server";

const DECOMPOSED = "Nguye\u0302\u0303n Thi\u0323 Hoa";
// The data migration as each database runs it: the SQLite migration, or its PostgreSQL data file.
const MIGRATION =
  databaseProvider(process.env.DATABASE_URL ?? "") === "sqlite"
    ? new URL("../../prisma/migrations/20261202195302_normalise_stored_text/migration.sql", import.meta.url)
    : new URL("../../prisma/postgres/data/20261202195302_normalise_stored_text.sql", import.meta.url);

/** Rows as older versions stored them: a decomposed name, and one with invisible characters and odd spaces. */
async function storedUnclean() {
  const units = await createDistrict();
  const user = await createUser({ unitId: units.vanPhuc.id });
  await prisma.user.update({ where: { id: user.id }, data: { fullName: DECOMPOSED, searchName: "nguyen thi hoa" } });
  const entry = await prisma.rosterEntry.create({
    data: { unitId: units.vanPhuc.id, targetGroup: "HH", name: "\u200BHộ\u00A0bà   Lan\n", searchName: "\u200Bho\u00A0ba   lan\n" },
    select: { id: true },
  });
  const organisation = await prisma.organisation.create({
    data: { kind: "business", unitId: units.vanPhuc.id, name: `Co\u0302ng ty De\u0323\u0302t\u00AD`, searchName: "cong ty det" },
    select: { id: true },
  });
  const read = async () => ({
    user: await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fullName: true, searchName: true } }),
    entry: await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { name: true, searchName: true } }),
    organisation: await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { name: true, searchName: true } }),
  });
  return read;
}

describe("names stored before text was cleaned", () => {
  test("the migration's SQL removes invisible characters and odd spaces", async () => {
    const read = await storedUnclean();
    for (const statement of readFileSync(MIGRATION, "utf8")
      .split(";")
      .filter((part) => part.includes("UPDATE")))
      await prisma.$executeRawUnsafe(statement);
    expect((await read()).entry).toEqual({ name: "Hộ bà Lan", searchName: "ho ba lan" });
  });

  test("the start-up step composes decomposed names and keeps their search form in step; a second run changes nothing", async () => {
    const read = await storedUnclean();
    expect(await normaliseStoredText()).toBeGreaterThanOrEqual(3);
    expect(await read()).toEqual({
      user: { fullName: "Nguyễn Thị Hoa", searchName: "nguyen thi hoa" },
      entry: { name: "Hộ bà Lan", searchName: "ho ba lan" },
      organisation: { name: "Công ty Dệt", searchName: "cong ty det" },
    });
    expect((await read()).user.fullName).toBe("Nguyễn Thị Hoa".normalize("NFC"));
    expect(await normaliseStoredText()).toBe(0);
  });
});
