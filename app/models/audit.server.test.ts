import { expect, test } from "vitest";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { listAuditEntries } from "./audit.server";
import { declareHeadcount } from "./coverage.server";
import { scopeOn } from "./scope.server";
import { importRoster, markRosterEntryLeft } from "./roster.server";
import { addPersonAndAttend, createTrainingSession, findTrainingSession, recordAttendance } from "./training-session.server";
import { changeRoleOrUnit, createAccountsFromRoster, createUserByAdmin, reissueSetupCode } from "./user-admin.server";

/** Runs one administrative change and returns the audit entries it wrote. */
async function entriesWrittenBy<T>(actorId: string, change: () => Promise<T>) {
  const before = new Date();
  const result = await change();
  const entries = await prisma.auditEntry.findMany({
    where: { actorId, createdAt: { gte: before } },
    select: { action: true, targetType: true, targetId: true, details: true, createdAt: true },
  });
  return { result, entries };
}

test("every administrative change writes one audit entry naming who, what, which and when", async () => {
  const units = await createDistrict();
  const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const districtAdmin = await createAdmin(units.district.id, "district_admin");
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;

  const created = await entriesWrittenBy(wardAdmin.id, () =>
    createUserByAdmin(wardAdmin, { fullName: "Người Được Tạo", phone: uniquePhone(), email: null, unitId: units.vanPhuc.id, targetGroup: "HH" }),
  );
  if (!created.result.ok) throw new Error("the account was not created");
  const userId = created.result.value.id;
  expect(created.entries).toMatchObject([{ action: "user.create", targetType: "user", targetId: userId }]);
  // A set-up code is a secret: the entry records that one was made, never the code.
  expect(created.entries[0]!.details).not.toContain(created.result.value.setupCode);

  const reissued = await entriesWrittenBy(wardAdmin.id, () => reissueSetupCode(wardAdmin, userId));
  expect(reissued.entries).toMatchObject([{ action: "user.reissue-setup-code", targetId: userId }]);
  expect(reissued.entries[0]!.details).not.toContain(reissued.result);

  const promoted = await entriesWrittenBy(districtAdmin.id, () => changeRoleOrUnit(districtAdmin, userId, { role: "ward_admin", unitId: units.phuLa.id }));
  expect(promoted.entries).toMatchObject([{ action: "user.update", targetType: "user", targetId: userId }]);

  const imported = await entriesWrittenBy(wardAdmin.id, () =>
    importRoster(wardAdmin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
      { name: "Hộ bà Một", phone: uniquePhone(), taxCode: null, externalId: null },
      { name: "Hộ ông Hai", phone: uniquePhone(), taxCode: null, externalId: null },
    ]),
  );
  expect(imported.entries).toMatchObject([{ action: "roster.import", targetType: "unit", targetId: units.vanPhuc.id }]);

  const accounts = await entriesWrittenBy(wardAdmin.id, () => createAccountsFromRoster(wardAdmin, { unitId: units.vanPhuc.id, targetGroup: "HH" }));
  // One entry per account made, and one for the batch.
  expect(accounts.entries.map((written) => written.action).sort()).toEqual(["user.create", "user.create", "user.create-from-roster"]);

  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.vanPhuc.id, name: "Hộ bà Một" }, select: { id: true } });
  const left = await entriesWrittenBy(wardAdmin.id, async () => markRosterEntryLeft(wardAdmin, await scopeOn(wardAdmin.unitPath), entry.id, new Date()));
  expect(left.entries).toMatchObject([{ action: "roster.mark-left", targetType: "rosterEntry", targetId: entry.id }]);

  const trainingSession = await entriesWrittenBy(wardAdmin.id, () =>
    createTrainingSession(wardAdmin, {
      unitId: units.vanPhuc.id,
      heldOn: new Date("2026-03-15T00:00:00+07:00"),
      place: "Nhà văn hóa",
      kind: "training",
      courseSlugs: [course.slug],
      trainer: "Cán bộ phường",
      headcount: null,
      headcountGroup: null,
    }),
  );
  expect(trainingSession.entries).toMatchObject([{ action: "training-session.create", targetType: "trainingSession", targetId: trainingSession.result!.id }]);
  const held = (await findTrainingSession(wardAdmin, trainingSession.result!.id))!;

  const other = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.vanPhuc.id, name: "Hộ ông Hai" }, select: { id: true } });
  const attended = await entriesWrittenBy(wardAdmin.id, () => recordAttendance(wardAdmin, held, other.id));
  expect(attended.entries).toMatchObject([{ action: "training-session.attend", targetId: held.id }]);

  const added = await entriesWrittenBy(wardAdmin.id, () => addPersonAndAttend(wardAdmin, held, { name: "Hộ ông Đến Sau", phone: null, phoneAsTyped: "", targetGroup: "HH" }));
  expect(added.entries.map((written) => written.action).sort()).toEqual(["roster.add", "training-session.attend"]);
  const asked = await entriesWrittenBy(wardAdmin.id, () =>
    addPersonAndAttend(wardAdmin, held, { name: "Hộ ở phường khác", phone: uniquePhone(), phoneAsTyped: "0900 000 001", targetGroup: "HH" }),
  );
  expect(asked.entries).toMatchObject([{ action: "training-session.ask-confirmation", targetType: "trainingSession", targetId: held.id }]);

  const period = getProgramme().periods[1]!.code;
  const declared = await entriesWrittenBy(wardAdmin.id, () => declareHeadcount(wardAdmin, { unitId: units.phuLa.id, targetGroup: "PAR", period, count: 120 }));
  expect(declared.entries).toMatchObject([{ action: "headcount.declare", targetType: "unit", targetId: units.phuLa.id }]);
  // One test walks every kind of change, with password hashing among them: more than the default 5 s
  // on a loaded machine.
}, 30_000);

test("the log names the people, units and training sessions an entry's ids point to, within the reader's scope", async () => {
  const units = await createDistrict();
  const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(wardAdmin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [{ name: "Nguyễn Thị Hoa", phone: uniquePhone(), taxCode: null, externalId: null }]);
  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.vanPhuc.id, name: "Nguyễn Thị Hoa" }, select: { id: true } });
  await markRosterEntryLeft(wardAdmin, await scopeOn(wardAdmin.unitPath), entry.id, new Date());
  await createTrainingSession(wardAdmin, {
    unitId: units.vanPhuc.id,
    heldOn: new Date("2026-03-15T00:00:00+07:00"),
    place: "Nhà văn hóa tổ 5",
    kind: "communication",
    courseSlugs: [],
    trainer: "Cán bộ phường",
    headcount: null,
    headcountGroup: null,
  });

  const entries = await listAuditEntries(wardAdmin.unitPath, 1000);
  const left = entries.find((written) => written.action === "roster.mark-left" && written.target.name === "Nguyễn Thị Hoa");
  expect(left?.actor).toBe("Cán Bộ Quản Trị");
  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { id: units.vanPhuc.id }, select: { name: true } });
  expect(entries.find((written) => written.action === "roster.import" && written.target.name === ward.name)).toBeDefined();
  const recorded = entries.find((written) => written.action === "training-session.create" && written.target.place === "Nhà văn hóa tổ 5");
  expect(recorded?.target.heldOn).toEqual(new Date("2026-03-15T00:00:00+07:00"));
  expect(recorded?.names[units.vanPhuc.id]).toBe(ward.name);

  // An official of another area reads who acted, never whom it concerned.
  const elsewhere = await createAdmin((await createDistrict()).district.id, "district_admin");
  const seenElsewhere = (await listAuditEntries(elsewhere.unitPath, 1000)).find((written) => written.id === left?.id);
  expect(seenElsewhere?.actor).toBe("Cán Bộ Quản Trị");
  expect(seenElsewhere?.target.name).toBeNull();
  // Two areas with their admins (password hashing) on a loaded machine: more than the default 5 s.
}, 30_000);
