import { readFileSync } from "node:fs";

import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import type { Period } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { startSession } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { formatPhone } from "#app/utils/phone";
import { createAdmin, createDistrict, createUser, TEST_PASSWORD, uniquePhone } from "#tests/fixtures/units";

import { recordConsent } from "./consent.server";
import { getCoverage } from "./coverage.server";
import { optionsOf } from "./grade.server";
import { optOutTokens, recordOptOut } from "./outbox/opt-out.server";
import { checkOwnPassword, correctOwnName, eraseAccount, getPersonalData, PERSONAL_DATA_RULES } from "./personal-data.server";
import { getOwnAttempt, markModuleRead, startAttempt, submitAttempt } from "./progress.server";
import { importRoster } from "./roster.server";
import { createTrainingSession, findTrainingSession, recordAttendance } from "./training-session.server";
import { verifySignIn } from "./user.server";

const PERIOD: Period = { code: "2026-2030", start: new Date("2026-01-01"), end: new Date("2030-12-31"), targetsAssumed: false };
const SCHEMA_MODELS = [...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map((match) => match[1] ?? "");

async function completeCourse(userId: string, course: CatalogueCourse) {
  for (const module of course.modules) {
    await markModuleRead(userId, course, module);
    const attempt = await startAttempt(userId, course, module);
    const drawn = (await getOwnAttempt(userId, attempt.id))!.layout.map((entry) => entry.question);
    const answers = Object.fromEntries(
      module.quiz.questions
        .filter((question) => drawn.includes(question.id))
        .map((question) => [
          question.id,
          optionsOf(question)
            .filter((option) => option.correct)
            .map((option) => option.id),
        ]),
    );
    await submitAttempt(userId, attempt.id, course, module, answers);
  }
}

/** Every row of every table of the schema, as text, table by table. */
async function everyTable() {
  const tables: Record<string, string[]> = {};
  for (const model of SCHEMA_MODELS) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${model}"`);
    tables[model] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value)));
  }
  return tables;
}

/** A household learner on their ward's roster who completed a course, attended a session and left traces in most tables. */
async function personWithHistory(course: CatalogueCourse) {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const fullName = `Đỗ Thị Riêng Tư ${uniquePhone().slice(-6)}`;
  const learner = await createUser({ unitId: units.vanPhuc.id, targetGroup: "HH", fullName });
  const rosterName = `Hộ bà ${fullName}`;
  await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
    { name: rosterName, phone: learner.phone, taxCode: null, externalId: `X-${learner.id}`, birthYear: 1958 },
    { name: "Hộ khác", phone: uniquePhone(), taxCode: null, externalId: null },
  ]);
  await completeCourse(learner.id, course);
  await recordConsent(learner.id);
  await startSession(learner.id);
  const created = await createTrainingSession(admin, {
    unitId: units.vanPhuc.id,
    heldOn: new Date("2026-03-02"),
    place: "Nhà văn hóa",
    kind: "training",
    courseSlugs: [course.slug],
    trainer: "Cô Hạnh",
    headcount: 12,
    headcountGroup: "CHILD",
  });
  const session = (await findTrainingSession(admin, created!.id))!;
  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { userId: learner.id }, select: { id: true } });
  await recordAttendance(admin, session, entry.id);
  const other = await createTrainingSession(admin, {
    unitId: units.vanPhuc.id,
    heldOn: new Date("2026-04-02"),
    place: "Trường tiểu học",
    kind: "communication",
    courseSlugs: [course.slug],
    trainer: "Thầy Nam",
    headcount: null,
    headcountGroup: null,
  });
  await prisma.attendanceConfirmation.create({
    data: { sessionId: other!.id, phone: learner.phone, phoneAsTyped: formatPhone(learner.phone), addedById: admin.id },
    select: { id: true },
  });
  await prisma.phoneCode.create({ data: { userId: learner.id, phone: learner.phone, clientAddress: "203.0.113.9", codeHash: "x", expiresAt: new Date() }, select: { id: true } });
  // A message's opt-out link, used: the person replied TU CHOI.
  await optOutTokens([learner.phone]);
  await recordOptOut(learner.phone, { source: "reply", channel: "sms" });
  await prisma.certificate.create({
    data: {
      kind: "course",
      code: `TEST-${learner.id}`,
      userId: learner.id,
      courseSlug: course.slug,
      holderName: fullName,
      holderSearchName: fullName.toLowerCase(),
      unitId: units.vanPhuc.id,
      issuedAt: new Date(),
    },
    select: { id: true },
  });
  return { units, learner, fullName, rosterName };
}

describe("personal data", () => {
  let course: CatalogueCourse;
  beforeAll(async () => {
    course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  });

  test("every table of the schema has a rule for the download, so a new table without one fails here", () => {
    expect(SCHEMA_MODELS.length).toBeGreaterThan(20);
    expect(Object.keys(PERSONAL_DATA_RULES).sort()).toEqual([...SCHEMA_MODELS].sort());
    expect(Object.values(Prisma.ModelName).sort()).toEqual([...SCHEMA_MODELS].sort());
  });

  test("the download holds the rows of every table that mentions the person, and no secret", async () => {
    const { learner, fullName } = await personWithHistory(course);
    const data = (await getPersonalData(learner.id))!;
    const tables = await everyTable();
    for (const [table, rows] of Object.entries(tables)) {
      const mentions = rows.filter((row) => row.includes(learner.id) || row.includes(learner.phone));
      if (mentions.length === 0) continue;
      expect.soft(data.tables[table]?.length ?? 0, `${table} mentions the person but the download has none of its rows`).toBeGreaterThan(0);
    }
    for (const table of [
      "User",
      "ModuleProgress",
      "QuizAttempt",
      "CourseCompletion",
      "Certificate",
      "RosterEntry",
      "Qualification",
      "Attendance",
      "AttendanceConfirmation",
      "Consent",
      "Session",
    ]) {
      expect(data.tables[table]?.length ?? 0, table).toBeGreaterThan(0);
    }
    expect(data.tables.User).toEqual([expect.objectContaining({ fullName, phone: learner.phone })]);
    expect(data.tables.RosterEntry).toEqual([expect.objectContaining({ phone: learner.phone, birthYear: 1958 })]);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/passwordHash|codeHash|setupCodeHash/);
    const sessionIds = await prisma.session.findMany({ where: { userId: learner.id }, select: { id: true } });
    for (const { id } of sessionIds) expect(text).not.toContain(id);
  });

  test("deleting an account keeps every report figure and leaves no name or phone of the person in any table", async () => {
    const { units, learner, fullName, rosterName } = await personWithHistory(course);
    const now = new Date("2026-06-15T00:00:00Z");
    const before = await getCoverage(units.district.path, PERIOD, now);

    expect(await eraseAccount(learner.id)).toBe(true);

    expect(await getCoverage(units.district.path, PERIOD, now)).toEqual(before);
    const local = formatPhone(learner.phone).replace(/\s/g, "");
    for (const [table, rows] of Object.entries(await everyTable())) {
      for (const row of rows) {
        for (const trace of [fullName, rosterName, learner.phone, local]) expect(row, `${table} still holds ${trace}`).not.toContain(trace);
      }
    }
    expect(await prisma.rosterEntry.findMany({ where: { userId: learner.id }, select: { birthYear: true } })).toEqual([{ birthYear: null }]);
    expect(await prisma.session.count({ where: { userId: learner.id } })).toBe(0);
    expect(await verifySignIn({ phone: learner.phone }, TEST_PASSWORD)).toBeNull();
    // Irreversible: a second deletion finds nothing to erase, and nothing can be downloaded any more.
    expect(await eraseAccount(learner.id)).toBe(false);
    expect(await getPersonalData(learner.id)).toBeNull();
    const audited = await prisma.auditEntry.findMany({ where: { targetType: "user", targetId: learner.id }, select: { action: true } });
    expect(audited.map((entry) => entry.action)).toContain("user.erase");
  });

  test("a person corrects their own name, audited without the old or new name", async () => {
    const units = await createDistrict();
    const learner = await createUser({ unitId: units.vanPhuc.id, fullName: "Nguyen Van Sai Dau" });
    await correctOwnName(learner.id, "Nguyễn Văn Đúng");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: learner.id }, select: { fullName: true, searchName: true } })).toEqual({
      fullName: "Nguyễn Văn Đúng",
      searchName: "nguyen van dung",
    });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { targetId: learner.id, action: "user.rename" }, select: { details: true } });
    expect(entry.details).not.toMatch(/Nguy/);
    expect(await checkOwnPassword(learner.id, TEST_PASSWORD)).toBe(true);
    expect(await checkOwnPassword(learner.id, "sai-mat-khau")).toBe(false);
  });
});
