// Reference data every installation needs (administrative units and their crosswalk, from
// content/units.yml, kept in step with the file), then demo accounts unless DEMO_DATA=off.
// Idempotent: run at every start, it creates only the demo data that is missing.
import { getProgramme } from "#app/content/programme.server";
import { loadUnits } from "#app/content/units.server";
import { normaliseStoredText } from "#app/models/stored-text.server";
import { newVerificationCode, validityOnApproval } from "#app/models/certification/rules.server";
import { applicableQuestions, SELF_ASSESSMENT_VERSION } from "#app/models/certification/self-assessment";
import { hasCurrentConsent, recordConsent } from "#app/models/consent.server";
import { hashPassword } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import { generateDemoData, hasDemoData } from "../scripts/demo-data";

/** Administrative units and their crosswalk, from content/units.yml: names, dates and lines are updated in place. */
async function seedUnits() {
  const { units, crosswalk } = loadUnits();
  const ids = new Map<string, { id: string; path: string }>();
  for (const { parent: parentCode, ...unit } of units) {
    const parent = parentCode ? ids.get(parentCode) : undefined;
    const fields = { ...unit, validTo: unit.validTo ?? null, parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${unit.code}/` };
    const saved = await prisma.adminUnit.upsert({ where: { code: unit.code }, update: fields, create: fields, select: { id: true, path: true } });
    ids.set(unit.code, saved);
  }
  const kept: string[] = [];
  // The clause is the file's citation of the law, not something the reports read.
  for (const { from, to, clause: _clause, ...line } of crosswalk) {
    const fromUnitId = ids.get(from)!.id;
    const toUnitId = ids.get(to)!.id;
    const saved = await prisma.unitSuccession.upsert({
      where: { fromUnitId_toUnitId: { fromUnitId, toUnitId } },
      update: line,
      create: { fromUnitId, toUnitId, ...line },
      select: { id: true },
    });
    kept.push(saved.id);
  }
  // A line taken out of the file (a correction of the crosswalk) stops counting at once.
  await prisma.unitSuccession.deleteMany({ where: { id: { notIn: kept }, fromUnit: { code: { in: units.map((unit) => unit.code) } } } });
  return new Map([...ids].map(([code, unit]) => [code, unit.id]));
}

export const DEMO_PASSWORD = "hoc-de-bao-ve-tre";

type DemoUser = {
  fullName: string;
  phone: string;
  email?: string;
  role: "learner" | "ward_admin" | "district_admin";
  unitCode: string;
  targetGroup: string | null;
};

const DEMO_USERS: DemoUser[] = [
  // Since 1/7/2025 there is no district: the administrator of the area of Hà Đông is scoped to the city.
  { fullName: "Trần Thị Quản Trị", phone: "0901000001", email: "quan.hadong@example.vn", role: "district_admin", unitCode: "HN", targetGroup: "OFF-D" },
  { fullName: "Lê Văn Phường", phone: "0901000002", email: "vanphuc@example.vn", role: "ward_admin", unitCode: "HN-HA-DONG", targetGroup: "OFF-W" },
  { fullName: "Phạm Thị Lan", phone: "0901000003", email: "hocvien@example.vn", role: "learner", unitCode: "HN-HA-DONG", targetGroup: "HH" },
  { fullName: "Nguyễn Văn An", phone: "0901000004", role: "learner", unitCode: "HN-HA-DONG", targetGroup: "HH" },
  { fullName: "Đỗ Thị Hoa", phone: "0901000005", role: "learner", unitCode: "HN-HA-DONG", targetGroup: "EDU" },
  { fullName: "Hoàng Minh Đức", phone: "0901000006", role: "learner", unitCode: "HN-KIEN-HUNG", targetGroup: "BIZ" },
  { fullName: "Vũ Thị Mai", phone: "0901000007", role: "ward_admin", unitCode: "HN-KIEN-HUNG", targetGroup: "OFF-W" },
];

async function seedDemoUsers(unitIds: Map<string, string>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_USERS) {
    const phone = normalisePhone(demo.phone);
    const unitId = unitIds.get(demo.unitCode);
    if (!phone || !unitId) throw new Error(`bad demo user ${demo.fullName}`);
    const user = await prisma.user.upsert({
      where: { phone },
      update: {},
      create: {
        fullName: demo.fullName,
        searchName: foldForSearch(demo.fullName),
        phone,
        email: demo.email ?? null,
        role: demo.role,
        unitId,
        targetGroup: demo.targetGroup,
        passwordHash,
        // The ward set these accounts up: the people are known.
        phoneConfirmedAt: new Date(),
      },
      select: { id: true },
    });
    // The demo people have read the current privacy notice, so signing in goes straight in.
    if (!(await hasCurrentConsent(user.id))) await recordConsent(user.id);
  }
}

// A small roster per ward and group, so the coverage report has a denominator to show.
const DEMO_ROSTERS: { unitCode: string; targetGroup: string; entries: [name: string, phone: string][] }[] = [
  {
    unitCode: "HN-HA-DONG",
    targetGroup: "HH",
    entries: [
      ["Hộ bà Phạm Thị Lan", "0901000003"],
      ["Hộ ông Nguyễn Văn An", "0901000004"],
      ["Hộ ông Triệu Văn Bình", "0902000101"],
      ["Hộ bà Lưu Thị Cúc", "0902000102"],
      ["Hộ ông Đinh Văn Dũng", "0902000103"],
    ],
  },
  {
    unitCode: "HN-HA-DONG",
    targetGroup: "OFF-W",
    entries: [
      ["Lê Văn Phường", "0901000002"],
      ["Mai Thị Thanh", "0902000104"],
    ],
  },
  {
    unitCode: "HN-KIEN-HUNG",
    targetGroup: "BIZ",
    entries: [
      ["Công ty TNHH Dệt Phú La (ông Hoàng Minh Đức)", "0901000006"],
      ["Xưởng may Hà Đông", "0902000105"],
    ],
  },
];

async function seedDemoRosters(unitIds: Map<string, string>) {
  for (const roster of DEMO_ROSTERS) {
    const unitId = unitIds.get(roster.unitCode);
    if (!unitId) throw new Error(`bad demo roster ${roster.unitCode}`);
    const existing = await prisma.rosterEntry.count({ where: { unitId, targetGroup: roster.targetGroup } });
    if (existing > 0) continue;
    for (const [name, rawPhone] of roster.entries) {
      const phone = normalisePhone(rawPhone);
      const user = phone ? await prisma.user.findUnique({ where: { phone }, select: { id: true } }) : null;
      await prisma.rosterEntry.create({
        data: { unitId, targetGroup: roster.targetGroup, name, searchName: foldForSearch(name), phone, userId: user?.id ?? null },
        select: { id: true },
      });
    }
  }
}

/** Qualifications recorded before they carried their period get it from the programme's periods. */
async function backfillQualificationPeriods() {
  for (const period of getProgramme().periods) {
    await prisma.qualification.updateMany({
      where: { period: "", qualifiedAt: { gte: period.start, lt: new Date(period.end.getTime() + 86_400_000) } },
      data: { period: period.code },
    });
  }
}

// One certified organisation, so that the registry and a verification page have something to
// show: the demo business owner's company, approved by its ward's admin, valid for 12 months from
// the first start. Nothing is made when the owner already acts for an organisation.
// The company bears the name of the old ward Phú La: its part that went to Kiến Hưng (NQ 1656
// art. 1 cl. 47), so the business sits in Kiến Hưng though Phú La's primary successor is Dương Nội.
const DEMO_ORGANISATION = { name: "Công ty TNHH Dệt Phú La", taxCode: "0109000006", owner: "0901000006", reviewer: "0901000007" };

async function seedDemoCertification() {
  const [owner, reviewer] = await Promise.all(
    [DEMO_ORGANISATION.owner, DEMO_ORGANISATION.reviewer].map((phone) =>
      prisma.user.findUnique({ where: { phone: normalisePhone(phone) ?? "" }, select: { id: true, fullName: true, unitId: true, organisationId: true } }),
    ),
  );
  if (!owner || !reviewer || owner.organisationId) return;
  if (await prisma.organisation.findUnique({ where: { taxCode: DEMO_ORGANISATION.taxCode }, select: { id: true } })) return;
  const now = new Date();
  const profile = {
    kind: "business",
    name: DEMO_ORGANISATION.name,
    taxCode: DEMO_ORGANISATION.taxCode,
    sector: "Dệt may",
    craftVillage: false,
    workerCount: 25,
    workersUnder13: 0,
    workers13To15: 0,
    workers15To18: 1,
  };
  const counts = { under13: 0, from13to15: 0, from15to18: 1 };
  const answers = Object.fromEntries(applicableQuestions(counts).map((question) => [question.id, question.breach === "yes" ? "no" : "yes"]));
  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { id: owner.unitId }, select: { name: true } });
  await prisma.$transaction(async (tx) => {
    const organisation = await tx.organisation.create({
      data: { ...profile, searchName: foldForSearch(profile.name), unitId: owner.unitId },
      select: { id: true },
    });
    await tx.user.update({ where: { id: owner.id }, data: { organisationId: organisation.id }, select: { id: true } });
    const application = await tx.certificationApplication.create({
      data: {
        organisationId: organisation.id,
        unitId: owner.unitId,
        kind: "initial",
        status: "approved",
        answers: JSON.stringify(answers),
        assessmentVersion: SELF_ASSESSMENT_VERSION,
        assessedAt: now,
        profile: JSON.stringify({ ...profile, wardName: ward.name }),
        pledgeName: owner.fullName,
        pledgePosition: "Giám đốc",
        pledgedAt: now,
        submittedById: owner.id,
        submittedAt: now,
        decidedById: reviewer.id,
        decidedAt: now,
        createdById: owner.id,
        events: {
          create: [
            { actorId: owner.id, kind: "submitted" },
            { actorId: reviewer.id, kind: "approved" },
          ],
        },
      },
      select: { id: true },
    });
    await tx.certificate.create({
      data: {
        kind: "organisation",
        code: newVerificationCode(),
        organisationId: organisation.id,
        applicationId: application.id,
        holderName: profile.name,
        holderSearchName: foldForSearch(profile.name),
        unitId: owner.unitId,
        ...validityOnApproval(now, null),
      },
      select: { id: true },
    });
  });
}

async function main() {
  const unitIds = await seedUnits();
  await backfillQualificationPeriods();
  await normaliseStoredText();
  if (process.env.DEMO_DATA !== "off") {
    await seedDemoUsers(unitIds);
    await seedDemoRosters(unitIds);
    await seedDemoCertification();
    if (!(await hasDemoData())) await generateDemoData({ scale: Number(process.env.DEMO_SCALE ?? 1), seed: 2021 });
  }
}

await main();
await prisma.$disconnect();
