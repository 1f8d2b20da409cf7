import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { importRoster } from "./roster.server";
import { deleteTrainingSession, findIdenticalTrainingSession, removeAttendee, updateTrainingSession } from "./training-session-changes.server";
import { createTrainingSession, findTrainingSession, recordAttendance } from "./training-session.server";

let householdCourse: CatalogueCourse;

beforeAll(async () => {
  householdCourse = (await getCatalogue()).courses.find((course) => course.indicators.includes("T-COOP-HH"))!;
});

async function wardWithRoster() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const other = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
    { name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null },
    { name: "Hộ ông Tư", phone: uniquePhone(), taxCode: null, externalId: null },
  ]);
  const entries = await prisma.rosterEntry.findMany({ where: { unitId: units.vanPhuc.id }, select: { id: true }, orderBy: { name: "asc" } });
  return { units, admin, other, entries };
}

type Ward = Awaited<ReturnType<typeof wardWithRoster>>;

const fields = (ward: Ward, heldOn = new Date("2026-03-15T00:00:00+07:00")) => ({
  unitId: ward.units.vanPhuc.id,
  heldOn,
  place: "Nhà văn hóa tổ 5",
  kind: "training" as const,
  courseSlugs: [householdCourse.slug],
  trainer: "Cán bộ phường",
  headcount: null,
  headcountGroup: null,
});

async function newSession(ward: Ward, heldOn?: Date) {
  const created = await createTrainingSession(ward.admin, fields(ward, heldOn));
  return (await findTrainingSession(ward.admin, created!.id))!;
}

async function qualifiedOn(rosterEntryId: string) {
  const rows = await prisma.qualification.findMany({ where: { rosterEntryId }, select: { qualifiedAt: true }, orderBy: { qualifiedAt: "asc" } });
  // A course can count for several indicators: the days they were qualified on, once each.
  return [...new Set(rows.map((row) => row.qualifiedAt.toISOString()))];
}

describe("correcting training sessions", () => {
  test("a session identical to one on record is found, except the admin's own repeat and the session itself", async () => {
    const ward = await wardWithRoster();
    const session = await newSession(ward);
    expect(await findIdenticalTrainingSession(ward.other, fields(ward))).toEqual({ id: session.id });
    expect(await findIdenticalTrainingSession(ward.admin, fields(ward))).toBeNull();
    expect(await findIdenticalTrainingSession(ward.other, fields(ward), session.id)).toBeNull();
    expect(await findIdenticalTrainingSession(ward.other, { ...fields(ward), place: "Trường tiểu học" })).toBeNull();
  });

  test("deleting a session takes back what it qualified, keeps what another session justified, and is audited", async () => {
    const ward = await wardWithRoster();
    const [lan, tu] = ward.entries;
    const march = await newSession(ward);
    const may = await newSession(ward, new Date("2026-05-10T00:00:00+07:00"));
    await recordAttendance(ward.admin, march, lan!.id);
    await recordAttendance(ward.admin, march, tu!.id);
    await recordAttendance(ward.admin, may, tu!.id);
    expect(await qualifiedOn(tu!.id)).toEqual(["2026-03-14T17:00:00.000Z"]);

    expect(await deleteTrainingSession(ward.admin, march)).toBe(true);
    expect(await qualifiedOn(lan!.id)).toEqual([]);
    // Tư was also at the May session: still reached, from May.
    expect(await qualifiedOn(tu!.id)).toEqual(["2026-05-09T17:00:00.000Z"]);
    expect(await prisma.trainingSession.count({ where: { id: march.id } })).toBe(0);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { targetId: march.id, action: "training-session.delete" }, select: { actorId: true } });
    expect(entry.actorId).toBe(ward.admin.id);
  });

  test("removing an attendee takes back only that person's qualification", async () => {
    const ward = await wardWithRoster();
    const [lan, tu] = ward.entries;
    const session = await newSession(ward);
    await recordAttendance(ward.admin, session, lan!.id);
    await recordAttendance(ward.admin, session, tu!.id);
    expect(await removeAttendee(ward.admin, session, lan!.id)).toBe(true);
    expect(await qualifiedOn(lan!.id)).toEqual([]);
    expect(await qualifiedOn(tu!.id)).toEqual(["2026-03-14T17:00:00.000Z"]);
    expect(await removeAttendee(ward.admin, session, lan!.id)).toBe(false);
    expect(await prisma.auditEntry.count({ where: { targetId: session.id, action: "training-session.remove-attendee" } })).toBe(1);
  });

  test("moving a session to another day moves its attendees' qualifications with it", async () => {
    const ward = await wardWithRoster();
    const [lan] = ward.entries;
    const session = await newSession(ward);
    await recordAttendance(ward.admin, session, lan!.id);
    expect(await updateTrainingSession(ward.admin, session, { ...fields(ward), heldOn: new Date("2026-04-02T00:00:00+07:00"), place: "Hội trường phường" })).toBe(true);
    expect(await qualifiedOn(lan!.id)).toEqual(["2026-04-01T17:00:00.000Z"]);
    const saved = await findTrainingSession(ward.admin, session.id);
    expect(saved?.place).toBe("Hội trường phường");
    expect(await prisma.auditEntry.count({ where: { targetId: session.id, action: "training-session.update" } })).toBe(1);
  });

  test("another ward's admin can neither edit nor delete the session", async () => {
    const ward = await wardWithRoster();
    const session = await newSession(ward);
    const stranger = await createAdmin(ward.units.phuLa.id, "ward_admin");
    expect(await deleteTrainingSession(stranger, session)).toBe(false);
    expect(await updateTrainingSession(stranger, session, fields(ward))).toBe(false);
    expect(await prisma.trainingSession.count({ where: { id: session.id } })).toBe(1);
  });
});
