import { beforeAll, describe, expect, test } from "vitest";

import { getProgramme, type Period } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { recordContact } from "./contact-history.server";
import { getCoverage, listNotReached } from "./coverage.server";
import { importRoster } from "./roster.server";
import { scopeOn } from "./scope.server";

const PERIOD: Period = { code: "2026-2030", start: new Date("2026-01-01"), end: new Date("2030-12-31"), targetsAssumed: false };
const HOUSEHOLDS = getProgramme().indicators.find((indicator) => indicator.code === "T-COOP-HH")!;

async function wardOfThree() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(
    admin,
    { unitId: units.vanPhuc.id, targetGroup: "HH" },
    ["Hộ bà An", "Hộ ông Bình", "Hộ bà Chi"].map((name) => ({ name, phone: uniquePhone(), taxCode: null, externalId: null })),
  );
  const entries = await prisma.rosterEntry.findMany({ where: { unitId: units.vanPhuc.id }, select: { id: true, name: true } });
  const idOf = (name: string) => entries.find((entry) => entry.name === name)!.id;
  const [an, binh, chi] = [idOf("Hộ bà An"), idOf("Hộ ông Bình"), idOf("Hộ bà Chi")];
  return { units, admin, an, binh, chi, scope: await scopeOn(admin.unitPath) };
}

const listed = async (path: string, contact: Parameters<typeof listNotReached>[3]["contact"]) =>
  (await listNotReached(path, HOUSEHOLDS, PERIOD, { wardId: null, query: "", page: 1, contact })).entries.map((entry) => entry.name);

describe("follow-up of the not-reached", () => {
  let ward: Awaited<ReturnType<typeof wardOfThree>>;
  beforeAll(async () => {
    ward = await wardOfThree();
  });

  test("the list shows each person's latest contact and filters by it", async () => {
    const { admin, an, binh, scope } = ward;
    await recordContact(admin, scope, an, { kind: "phoned", note: "Không nghe máy", happenedAt: new Date("2026-03-01T09:00:00+07:00") });
    await recordContact(admin, scope, an, { kind: "declined", note: null, happenedAt: new Date("2026-03-05T09:00:00+07:00") });
    // Typed in late: an older visit does not hide the newer refusal.
    await recordContact(admin, scope, an, { kind: "visited", note: null, happenedAt: new Date("2026-02-01T09:00:00+07:00") });
    await recordContact(admin, scope, binh, { kind: "invited", note: null, happenedAt: new Date("2026-03-02T09:00:00+07:00") });

    expect(await listed(admin.unitPath, "none")).toEqual(["Hộ bà Chi"]);
    expect(await listed(admin.unitPath, "declined")).toEqual(["Hộ bà An"]);
    expect(await listed(admin.unitPath, "invited")).toEqual(["Hộ ông Bình"]);
    expect(await listed(admin.unitPath, null)).toHaveLength(3);
    const shown = await listNotReached(admin.unitPath, HOUSEHOLDS, PERIOD, { wardId: null, query: "bà An", page: 1 });
    expect(shown.entries[0]).toMatchObject({ lastContactKind: "declined", lastContactAt: new Date("2026-03-05T09:00:00+07:00") });

    const history = await prisma.contactEvent.findMany({ where: { rosterEntryId: an }, select: { kind: true, note: true, actorId: true }, orderBy: { happenedAt: "desc" } });
    expect(history).toEqual([
      { kind: "declined", note: null, actorId: admin.id },
      { kind: "phoned", note: "Không nghe máy", actorId: admin.id },
      { kind: "visited", note: null, actorId: admin.id },
    ]);
    expect(await prisma.auditEntry.count({ where: { action: "roster.contact", targetId: an } })).toBe(3);
  });

  test("a ward admin cannot record a contact with another ward's entry", async () => {
    const { an } = await wardOfThree();
    const other = await wardOfThree();
    const refused = await recordContact(other.admin, other.scope, an, { kind: "phoned", note: null, happenedAt: new Date() });
    expect(refused).toBe(false);
    expect(await prisma.contactEvent.count({ where: { rosterEntryId: an } })).toBe(0);
  });

  test("the report counts, per indicator, the not-reached people contacted in the period", async () => {
    const { units, admin, an, binh, chi, scope } = await wardOfThree();
    await recordContact(admin, scope, an, { kind: "phoned", note: null, happenedAt: new Date("2026-04-01T09:00:00+07:00") });
    // Twice contacted, counted once.
    await recordContact(admin, scope, binh, { kind: "invited", note: null, happenedAt: new Date("2026-04-01T09:00:00+07:00") });
    await recordContact(admin, scope, binh, { kind: "declined", note: null, happenedAt: new Date("2026-04-02T09:00:00+07:00") });
    // Before the period: follow-up of another plan.
    await recordContact(admin, scope, chi, { kind: "visited", note: null, happenedAt: new Date("2025-06-01T09:00:00+07:00") });
    const index = getProgramme().indicators.indexOf(HOUSEHOLDS);
    const contacted = async () => {
      const coverage = await getCoverage(units.district.path, PERIOD);
      return { ward: coverage.rows.find((row) => row.ward.id === units.vanPhuc.id)!.contacted[index], total: coverage.contactedTotals[index] };
    };
    expect(await contacted()).toEqual({ ward: 2, total: 2 });

    // Reached since: no longer among the not-reached; moved away: no longer in the population.
    await prisma.qualification.create({
      data: {
        indicator: HOUSEHOLDS.code,
        rosterEntryId: an,
        unitId: units.vanPhuc.id,
        qualifiedAt: new Date("2026-05-01T09:00:00+07:00"),
        period: PERIOD.code,
        source: "in-person",
      },
    });
    await prisma.rosterEntry.update({ where: { id: binh }, data: { leftAt: new Date("2026-05-01") } });
    expect(await contacted()).toEqual({ ward: 0, total: 0 });
  });
});
