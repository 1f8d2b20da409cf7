import { describe, expect, test } from "vitest";

import { getProgramme, type Period } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { createAdmin, createDistrict, createUser } from "#tests/fixtures/units";

import { listNotReached } from "./coverage.server";
import { listRoster } from "./roster.server";
import { scopeOn } from "./scope.server";
import { createTrainingSession, findTrainingSession, searchRosterForTrainingSession } from "./training-session.server";
import { listUsersInScope } from "./user-admin.server";

const PERIOD: Period = { code: "2026-2030", start: new Date("2026-01-01"), end: new Date("2030-12-31"), targetsAssumed: false };

/** The ways people write +84901xxxxxx: as the list shows it, run together, international, without the 0, and a part of it. */
function waysOfWriting(e164: string) {
  const national = `0${e164.slice(3)}`;
  return [
    `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
    national,
    `+84 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
    national.slice(1),
    national.slice(-4),
  ];
}

async function wardWithPerson() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  // The last four digits are one of the ways searched: the admin, also on the users page, must not
  // have them anywhere in their own number (test phones share digits from the process id).
  let learner = await createUser({ unitId: units.vanPhuc.id, fullName: "Hộ bà Lan" });
  while (admin.phone.includes(learner.phone.slice(-4))) learner = await createUser({ unitId: units.vanPhuc.id, fullName: "Hộ bà Lan" });
  const entry = await prisma.rosterEntry.create({
    data: { unitId: units.vanPhuc.id, targetGroup: "HH", name: "Hộ bà Lan", searchName: foldForSearch("Hộ bà Lan"), phone: learner.phone },
    select: { id: true, phone: true },
  });
  return { units, admin, learner, entry };
}

describe("a phone written any way finds the person", () => {
  test("on the roster list", async () => {
    const { admin, entry } = await wardWithPerson();
    for (const query of waysOfWriting(entry.phone!)) {
      const found = await listRoster(await scopeOn(admin.unitPath), query, 1);
      expect(
        found.entries.map((row) => row.id),
        query,
      ).toEqual([entry.id]);
    }
  });

  test("on the not-reached list", async () => {
    const { units, entry } = await wardWithPerson();
    const indicator = getProgramme().indicators.find((candidate) => candidate.code === "T-COOP-HH")!;
    for (const query of waysOfWriting(entry.phone!)) {
      const found = await listNotReached(units.district.path, indicator, PERIOD, { wardId: null, query, page: 1 });
      expect(
        found.entries.map((row) => row.id),
        query,
      ).toEqual([entry.id]);
    }
  });

  test("in a session's attendance search", async () => {
    const { units, admin, entry } = await wardWithPerson();
    const created = await createTrainingSession(admin, {
      unitId: units.vanPhuc.id,
      heldOn: new Date("2026-03-15T00:00:00+07:00"),
      place: "Nhà văn hóa tổ 5",
      kind: "communication",
      courseSlugs: [],
      trainer: "Cán bộ phường",
      headcount: null,
      headcountGroup: null,
    });
    const session = (await findTrainingSession(admin, created!.id))!;
    for (const query of waysOfWriting(entry.phone!)) {
      expect(
        (await searchRosterForTrainingSession(session, query)).map((row) => row.id),
        query,
      ).toEqual([entry.id]);
    }
  });

  test("on the users page", async () => {
    const { admin, learner } = await wardWithPerson();
    for (const query of waysOfWriting(learner.phone)) {
      const found = await listUsersInScope(admin, query, 1);
      expect(
        found.users.map((user) => user.id),
        query,
      ).toEqual([learner.id]);
    }
  });
});
