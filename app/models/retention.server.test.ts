import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, createReorganisedArea, uniquePhone } from "#tests/fixtures/units";

import { applyRetention } from "./retention.server";
import { importRoster, markRosterEntryLeft } from "./roster.server";
import { scopeOn } from "./scope.server";
import { createUserByAdmin } from "./user-admin.server";

const NOW = new Date("2026-12-01T00:00:00Z");

describe("retention", () => {
  test("removes only roster entries that left more than five years ago and accounts never activated long after their code expired", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const phones = { longGone: uniquePhone(), recentlyGone: uniquePhone(), present: uniquePhone() };
    await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
      { name: "Hộ chuyển đi 2020", phone: phones.longGone, taxCode: null, externalId: null },
      { name: "Hộ chuyển đi 2023", phone: phones.recentlyGone, taxCode: null, externalId: null },
      { name: "Hộ ở lại", phone: phones.present, taxCode: null, externalId: null },
    ]);
    const idOf = async (phone: string) => (await prisma.rosterEntry.findFirstOrThrow({ where: { phone }, select: { id: true } })).id;
    await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), await idOf(phones.longGone), new Date("2020-06-01"));
    await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), await idOf(phones.recentlyGone), new Date("2023-06-01"));

    const account = (name: string, createdOn: Date) =>
      createUserByAdmin(admin, { fullName: name, phone: uniquePhone(), email: null, unitId: units.vanPhuc.id, targetGroup: "HH" }, createdOn).then((result) => {
        if (!result.ok) throw new Error(result.error);
        return result.value.id;
      });
    const abandoned = await account("Chưa Kích Hoạt Lâu", new Date("2025-01-01"));
    const fresh = await account("Mới Nhận Mã", new Date("2026-11-20"));
    const activated = await account("Đã Kích Hoạt", new Date("2025-01-01"));
    await prisma.user.update({ where: { id: activated }, data: { passwordHash: "set", setupCodeHash: null }, select: { id: true } });

    const rules = { leftYears: 5, setupGraceDays: 90, unitPath: units.vanPhuc.path };
    const dry = await applyRetention(rules, { apply: false, now: NOW });
    expect(dry).toMatchObject({ rosterEntries: 1, accounts: 1, applied: false });
    expect(await prisma.rosterEntry.count({ where: { unitId: units.vanPhuc.id } })).toBe(3);

    expect(await applyRetention(rules, { apply: true, now: NOW })).toMatchObject({ rosterEntries: 1, accounts: 1, applied: true });
    const left = await prisma.rosterEntry.findMany({ where: { unitId: units.vanPhuc.id }, select: { name: true }, orderBy: { name: "asc" } });
    expect(left.map((entry) => entry.name)).toEqual(["Hộ chuyển đi 2023", "Hộ ở lại"]);
    const users = await prisma.user.findMany({ where: { id: { in: [abandoned, fresh, activated] } }, select: { id: true } });
    expect(users.map((user) => user.id).sort()).toEqual([fresh, activated].sort());
    expect(await applyRetention(rules, { apply: true, now: NOW })).toMatchObject({ rosterEntries: 0, accounts: 0 });
  });

  test("a new ward's clean-up covers the entries of the former wards it took over, not another new ward's", async () => {
    const area = await createReorganisedArea();
    const formerAdmin = await createAdmin(area.first.id, "ward_admin");
    const phone = uniquePhone();
    await importRoster(formerAdmin, { unitId: area.first.id, targetGroup: "HH" }, [{ name: "Hộ chuyển đi 2019", phone, taxCode: null, externalId: null }]);
    await prisma.rosterEntry.updateMany({ where: { phone }, data: { leftAt: new Date("2019-06-01") } });
    const rules = { leftYears: 5, setupGraceDays: 90 };

    expect(await applyRetention({ ...rules, unitPath: area.southWard.path }, { apply: false, now: NOW })).toMatchObject({ rosterEntries: 0 });
    expect(await applyRetention({ ...rules, unitPath: area.northWard.path }, { apply: true, now: NOW })).toMatchObject({ rosterEntries: 1 });
    expect(await prisma.rosterEntry.count({ where: { phone } })).toBe(0);
  });
});
