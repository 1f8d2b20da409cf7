import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { scopeOn } from "./scope.server";
import { importRoster, markRosterEntryLeft } from "./roster.server";

describe("importing a roster", () => {
  test("a re-import updates entries matched by phone or id instead of duplicating them", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const phone = uniquePhone();
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const first = await importRoster(admin, target, [
      { name: "Hộ bà Lan", phone, taxCode: null, externalId: null },
      { name: "Hộ ông Sơn", phone: null, taxCode: null, externalId: "VP-2" },
    ]);
    const second = await importRoster(admin, target, [
      { name: "Hộ bà Lan (đã sửa)", phone, taxCode: null, externalId: null },
      { name: "Hộ ông Sơn", phone: null, taxCode: null, externalId: "VP-2" },
      { name: "Hộ bà Mới", phone: uniquePhone(), taxCode: null, externalId: null },
    ]);
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(second).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const names = await prisma.rosterEntry.findMany({ where: target, select: { name: true }, orderBy: { name: "asc" } });
    expect(names.map((entry) => entry.name)).toEqual(["Hộ bà Lan (đã sửa)", "Hộ bà Mới", "Hộ ông Sơn"]);
    expect(await prisma.auditEntry.count({ where: { actorId: admin.id, action: "roster.import" } })).toBe(2);
  });

  test("an entry marked as left keeps its mark on a re-import unless the admin clears it; another ward's entry cannot be marked", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const otherAdmin = await createAdmin(units.phuLa.id, "ward_admin");
    const row = { name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null };
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    await importRoster(admin, target, [row]);
    const entry = await prisma.rosterEntry.findFirstOrThrow({ where: target, select: { id: true } });

    expect(await markRosterEntryLeft(otherAdmin, await scopeOn(otherAdmin.unitPath), entry.id, new Date())).toBe(false);
    expect(await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), entry.id, new Date())).toBe(true);
    expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).leftAt).not.toBeNull();

    await importRoster(admin, target, [row]);
    expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).leftAt).not.toBeNull();
    await importRoster(admin, target, [row], { clearLeft: true });
    expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).leftAt).toBeNull();
  });
});
