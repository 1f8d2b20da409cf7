// Synthetic demo data for the wards of Hà Đông from 2021 to today: rosters of every target group
// (households of the Vạn Phúc silk village and the Đa Sỹ forges of Kiến Hưng among them),
// accounts, online learning, in-person sessions with attendance, children counted without names,
// and the qualifications the app would have recorded for all of it. The same seed and scale give
// the same data. Used by the start-up seed (small scale), `npm run seed:demo` and the benchmarks.
import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { getProgramme, periodAt } from "#app/content/programme.server";
import { indicatorsQualifiedBy } from "#app/models/qualification.server";
import { resolveReportWards } from "#app/models/unit.server";
import { type BulkValue, bulkInsert } from "#app/utils/database-driver.server";
import { DAY, monthOf } from "#app/utils/dates";
import { databaseProvider } from "#app/utils/database-url";
import { newId, prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { foldForSearch } from "#app/utils/search";

/** The external id of every generated roster entry starts with this. */
const DEMO_MARK = "demo-";

export async function hasDemoData() {
  return (await prisma.rosterEntry.count({ where: { externalId: { startsWith: DEMO_MARK } } })) > 0;
}

/** Roster entries per ward and target group at scale 1 (children are counted at sessions, not listed). */
const ENTRIES_PER_WARD: Record<string, number> = { HH: 30, PAR: 15, EDU: 4, BIZ: 5, COOP: 1, "OFF-W": 2, "OFF-D": 1 };
const CRAFT_VILLAGES: Record<string, { households: string; cooperatives: string }> = {
  "HD-VAN-PHUC": { households: "Hộ dệt lụa", cooperatives: "Hợp tác xã lụa Vạn Phúc" },
  "HD-KIEN-HUNG": { households: "Hộ rèn Đa Sỹ", cooperatives: "Hợp tác xã rèn Đa Sỹ" },
};
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Triệu", "Đinh"];
const MIDDLE_MEN = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Mạnh"];
const MIDDLE_WOMEN = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương"];
const GIVEN_MEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn", "Việt"];
const GIVEN_WOMEN = ["Anh", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Yến"];
const BUSINESS_KINDS = ["Công ty TNHH", "Công ty cổ phần", "Hộ kinh doanh", "Xưởng"];
const SECTORS = ["May mặc", "Dệt lụa", "Cơ khí", "Thực phẩm", "Bao bì", "Đồ gỗ", "Vật liệu xây dựng", "In ấn"];
const PLACES = ["Nhà văn hóa tổ dân phố", "Hội trường UBND phường", "Nhà văn hóa khu"];
const TRAINERS = ["Cán bộ LĐ-TB&XH phường", "Cán bộ Hội Liên hiệp Phụ nữ", "Giảng viên Trung tâm Công tác xã hội", "Cán bộ Đoàn Thanh niên"];

const PLAN_START = new Date("2021-03-01T00:00:00+07:00");
const ROSTERS_BY = new Date("2022-06-30T00:00:00+07:00");
const REORGANISED = new Date("2025-07-01T00:00:00+07:00");

/** Who attends which kind of session, how often a year, and what share of the group comes. */
const SESSION_PLAN: { audience: string; kind: "training" | "communication"; perYear: number; share: number }[] = [
  { audience: "HH", kind: "training", perYear: 4, share: 0.05 },
  { audience: "PAR", kind: "communication", perYear: 2, share: 0.1 },
  { audience: "OFF-W", kind: "training", perYear: 1, share: 0.35 },
  { audience: "BIZ", kind: "training", perYear: 1, share: 0.15 },
  { audience: "EDU", kind: "communication", perYear: 1, share: 0.25 },
  { audience: "CHILD", kind: "communication", perYear: 1, share: 0 },
];

type Entry = { id: string; unitId: string; targetGroup: string; name: string; phone: string | null; createdAt: Date; leftAt: Date | null; userId: string | null };

/**
 * Generates the data into the database and returns how many rows of each kind it wrote. History
 * runs up to `until` (today by default): the same seed, scale and day give the same data.
 */
export async function generateDemoData({ scale, seed, area = "/HN/HN-HD/", until = new Date() }: { scale: number; seed: number; area?: string; until?: Date }) {
  const now = until;
  let state = seed >>> 0;
  // mulberry32: small, fast and the same on every machine.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const between = (from: Date, to: Date) => new Date(from.getTime() + random() * Math.max(0, to.getTime() - from.getTime()));
  const person = () => {
    const woman = random() < 0.5;
    const name = `${pick(FAMILY)} ${pick(woman ? MIDDLE_WOMEN : MIDDLE_MEN)} ${pick(woman ? GIVEN_WOMEN : GIVEN_MEN)}`;
    return { name, title: woman ? "bà" : "ông" };
  };
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${seed}x${(++counter).toString(36)}`;
  const nextPhone = () => `+8438${String(counter).padStart(7, "0")}`;

  const { courses } = await getCatalogue();
  const courseFor = (group: string) => courses.find((course) => course.audiences.includes(group));
  const wards = await prisma.adminUnit.findMany({
    where: { level: "ward", path: { startsWith: area }, validFrom: { lte: PLAN_START } },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
  });
  // People live in today's wards; their old ward's records stay where they were made.
  const { shownAs } = await resolveReportWards("/", now);
  const wardToday = (wardId: string) => shownAs.get(wardId)?.id ?? wardId;

  const entries: Entry[] = [];
  const users: { id: string; fullName: string; searchName: string; phone: string; unitId: string; targetGroup: string; createdAt: Date; phoneConfirmedAt: Date }[] = [];
  for (const ward of wards) {
    const craft = CRAFT_VILLAGES[ward.code];
    for (const [group, perWard] of Object.entries(ENTRIES_PER_WARD)) {
      const count = Math.round(perWard * scale * (craft && (group === "HH" || group === "COOP") ? 2 : 1));
      for (let index = 0; index < count; index++) {
        const contact = person();
        const name =
          group === "HH"
            ? `${craft && random() < 0.6 ? craft.households : "Hộ"} ${contact.title} ${contact.name}`
            : group === "BIZ"
              ? `${pick(BUSINESS_KINDS)} ${pick(SECTORS)} ${pick(GIVEN_MEN)} ${pick(GIVEN_WOMEN)}`
              : group === "COOP"
                ? `${craft?.cooperatives ?? `Hợp tác xã ${pick(SECTORS).toLowerCase()} ${ward.name}`} số ${index + 1}`
                : contact.name;
        const id = nextId("re");
        const phone = random() < 0.85 ? nextPhone() : null;
        const createdAt = between(PLAN_START, ROSTERS_BY);
        const entry: Entry = { id, unitId: ward.id, targetGroup: group, name, phone, createdAt, leftAt: random() < 0.03 ? between(createdAt, now) : null, userId: null };
        if (phone && random() < 0.45) {
          const fullName = group === "BIZ" || group === "COOP" || group === "HH" ? contact.name : name;
          entry.userId = nextId("us");
          users.push({
            id: entry.userId,
            fullName,
            searchName: foldForSearch(fullName),
            phone,
            unitId: wardToday(ward.id),
            targetGroup: group,
            createdAt,
            phoneConfirmedAt: createdAt,
          });
        }
        entries.push(entry);
      }
    }
  }

  // The first qualification of each entry per indicator and period, whatever qualified it first.
  const firstQualification = new Map<string, { entry: Entry; indicator: string; period: string; at: Date; source: string }>();
  const qualify = (entry: Entry, event: { courseSlugs: string[]; sessionKind: string | null }, at: Date) => {
    if (entry.leftAt && entry.leftAt <= at) return;
    const period = periodAt(at).code;
    for (const indicator of indicatorsQualifiedBy(courses, event, entry.targetGroup)) {
      const key = `${entry.id}|${indicator}|${period}`;
      const known = firstQualification.get(key);
      if (!known || at < known.at) firstQualification.set(key, { entry, indicator, period, at, source: event.sessionKind ? "in-person" : "online" });
    }
  };

  const progress: {
    id: string;
    userId: string;
    courseSlug: string;
    moduleSlug: string;
    contentVersion: string;
    readAt: Date;
    passedAt: Date | null;
    bestScore: number | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const completions = new Map<string, { id: string; userId: string; courseSlug: string; contentVersion: string; courseVersion: string; rule: string; completedAt: Date }>();
  const learnOnline = (entry: Entry, course: CatalogueCourse) => {
    const userId = entry.userId!;
    const roll = random();
    if (roll > 0.7) return;
    const completing = roll < 0.4;
    const done = between(new Date(entry.createdAt.getTime() + 30 * DAY), now);
    const modules = completing ? course.modules : course.modules.slice(0, 1 + Math.floor(random() * (course.modules.length - 1)));
    modules.forEach((module, index) => {
      const readAt = new Date(done.getTime() - (modules.length - index) * DAY);
      const passed = completing || random() < 0.5;
      progress.push({
        id: nextId("mp"),
        userId,
        courseSlug: course.slug,
        moduleSlug: module.slug,
        contentVersion: module.version,
        readAt,
        passedAt: passed ? readAt : null,
        bestScore: passed ? 80 + Math.floor(random() * 21) : null,
        createdAt: readAt,
        updatedAt: readAt,
      });
    });
    if (!completing) return;
    completions.set(`${userId}|${course.slug}`, {
      id: nextId("cc"),
      userId,
      courseSlug: course.slug,
      contentVersion: course.version,
      courseVersion: course.courseVersion,
      rule: "online",
      completedAt: done,
    });
    qualify(entry, { courseSlugs: [course.slug], sessionKind: null }, done);
  };
  for (const entry of entries) {
    const course = courseFor(entry.targetGroup);
    if (entry.userId && course) learnOnline(entry, course);
  }

  // Sessions: held in the old wards until the reorganisation, in today's wards since.
  const sessions: {
    id: string;
    unitId: string;
    heldOn: Date;
    place: string;
    kind: string;
    courses: string;
    trainer: string;
    headcount: number | null;
    headcountGroup: string | null;
    createdById: string;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const attendance: { id: string; sessionId: string; rosterEntryId: string; createdAt: Date }[] = [];
  const groupBy = (key: (entry: Entry) => string) => {
    const groups = new Map<string, Entry[]>();
    for (const entry of entries) {
      const group = groups.get(key(entry));
      if (group) group.push(entry);
      else groups.set(key(entry), [entry]);
    }
    return groups;
  };
  const holdSessions = (unitId: string, candidates: Entry[], from: Date, to: Date) => {
    const years = (to.getTime() - from.getTime()) / (365 * DAY);
    // Wards differ: some reach their targets early, some fall behind.
    const engagement = 0.4 + random();
    for (const plan of SESSION_PLAN) {
      const course = courseFor(plan.audience);
      if (!course) continue;
      for (let index = 0; index < Math.round(plan.perYear * years); index++) {
        const heldOn = between(from, to);
        const id = nextId("ts");
        const headcount = plan.audience === "CHILD" ? Math.round((20 + random() * 40) * scale) : null;
        sessions.push({
          id,
          unitId,
          heldOn,
          place: `${pick(PLACES)} ${1 + Math.floor(random() * 12)}`,
          kind: plan.kind,
          courses: JSON.stringify([course.slug]),
          trainer: pick(TRAINERS),
          headcount,
          headcountGroup: headcount ? "CHILD" : null,
          createdById: "demo",
          createdAt: heldOn,
          updatedAt: heldOn,
        });
        for (const entry of candidates) {
          if (!course.audiences.includes(entry.targetGroup) || entry.createdAt > heldOn || random() >= plan.share * engagement) continue;
          if (entry.leftAt && entry.leftAt <= heldOn) continue;
          attendance.push({ id: nextId("at"), sessionId: id, rosterEntryId: entry.id, createdAt: heldOn });
          qualify(entry, { courseSlugs: [course.slug], sessionKind: plan.kind }, heldOn);
          // A training session completes its course for attendees with an account, as the app does.
          const key = `${entry.userId}|${course.slug}`;
          if (plan.kind === "training" && entry.userId && !completions.has(key)) {
            completions.set(key, {
              id: nextId("cc"),
              userId: entry.userId,
              courseSlug: course.slug,
              contentVersion: course.version,
              courseVersion: course.courseVersion,
              rule: "in-person",
              completedAt: heldOn,
            });
          }
        }
      }
    }
  };
  const entriesByWard = groupBy((entry) => entry.unitId);
  for (const ward of wards) holdSessions(ward.id, entriesByWard.get(ward.id) ?? [], PLAN_START, REORGANISED);
  if (REORGANISED < now) for (const [unitId, candidates] of groupBy((entry) => wardToday(entry.unitId))) holdSessions(unitId, candidates, REORGANISED, now);

  // Children are not listed: each ward declares how many there are, per period.
  const declared = new Map<string, { unitId: string; targetGroup: string; period: string; count: number }>();
  const [first, second] = getProgramme().periods;
  for (const ward of wards) {
    const children = Math.round((150 + random() * 150) * scale);
    declared.set(`${ward.id}|${first!.code}`, { unitId: ward.id, targetGroup: "CHILD", period: first!.code, count: children });
    const today = wardToday(ward.id);
    const later = declared.get(`${today}|${second!.code}`);
    declared.set(`${today}|${second!.code}`, { unitId: today, targetGroup: "CHILD", period: second!.code, count: (later?.count ?? 0) + children });
  }

  // Columns the query builder would fill in itself, filled here so both write paths store the same rows.
  const written = new Date();
  await insertRows(
    "User",
    users.map((user) => ({ ...user, updatedAt: written })),
    (rows) => prisma.user.createMany({ data: rows }),
  );
  await insertRows(
    "RosterEntry",
    entries.map((entry) => ({ ...entry, searchName: foldForSearch(entry.name), externalId: `${DEMO_MARK}${entry.id}`, updatedAt: entry.createdAt })),
    (rows) => prisma.rosterEntry.createMany({ data: rows }),
  );
  await insertRows("ModuleProgress", progress, (rows) => prisma.moduleProgress.createMany({ data: rows }));
  await insertRows("CourseCompletion", [...completions.values()], (rows) => prisma.courseCompletion.createMany({ data: rows }));
  await insertRows("TrainingSession", sessions, (rows) => prisma.trainingSession.createMany({ data: rows }));
  await insertRows("Attendance", attendance, (rows) => prisma.attendance.createMany({ data: rows }));
  await insertRows(
    "Qualification",
    [...firstQualification.values()].map(({ entry, indicator, period, at, source }) => ({
      id: nextId("q"),
      indicator,
      rosterEntryId: entry.id,
      unitId: entry.unitId,
      qualifiedAt: at,
      period,
      month: monthOf(at),
      source,
      leftAt: entry.leftAt,
      createdAt: written,
    })),
    (rows) => prisma.qualification.createMany({ data: rows }),
  );
  await insertRows(
    "DeclaredHeadcount",
    [...declared.values()].map((row) => ({ id: newId(), ...row, declaredById: "demo", createdAt: written, updatedAt: written })),
    (rows) => prisma.declaredHeadcount.createMany({ data: rows }),
  );
  return {
    rosterEntries: entries.length,
    accounts: users.length,
    moduleProgress: progress.length,
    completions: completions.size,
    sessions: sessions.length,
    attendance: attendance.length,
    qualifications: firstQualification.size,
  };
}

/**
 * Rows into one table. On SQLite through the driver itself, as an import stages its rows
 * (bulkInsert: one prepared statement, 10,000 rows per transaction, values stored as the Prisma
 * adapter stores them, so the app reads the same rows either way). Through the query builder's
 * createMany the data of bench:coverage (200,000 entries, 750,000 more rows) took over ten minutes
 * on a loaded machine, 200,000 entries alone nine; through the driver, under three minutes in all.
 * On PostgreSQL, the query builder in chunks of 500 rows.
 */
async function insertRows<Row extends Record<string, BulkValue>>(table: string, rows: Row[], createMany: (rows: Row[]) => Promise<unknown>) {
  if (rows.length === 0) return;
  if (databaseProvider(env.DATABASE_URL) !== "sqlite") {
    for (let start = 0; start < rows.length; start += 500) await createMany(rows.slice(start, start + 500));
    return;
  }
  const columns = Object.keys(rows[0]!);
  await bulkInsert(table, columns, rows, (row) => columns.map((column) => row[column] ?? null));
}
