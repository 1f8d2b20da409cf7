// Reference data every installation needs (administrative units), then demo accounts unless
// DEMO_DATA=off. Idempotent: run at every start, it creates only what is missing.
import { hashPassword } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

// The units the 2021-2025 plan was written for. Their 2025 mergers and the end of the district
// level are recorded with the coverage reports' crosswalk, not here.
const PLAN_START = new Date("2021-01-01T00:00:00+07:00");
const CITY = { code: "HN", name: "Thành phố Hà Nội", level: "city" };
const DISTRICT = { code: "HN-HD", name: "Quận Hà Đông", level: "district" };
const WARDS: [code: string, name: string][] = [
  ["HD-BIEN-GIANG", "Biên Giang"],
  ["HD-DUONG-NOI", "Dương Nội"],
  ["HD-DONG-MAI", "Đồng Mai"],
  ["HD-HA-CAU", "Hà Cầu"],
  ["HD-KIEN-HUNG", "Kiến Hưng"],
  ["HD-LA-KHE", "La Khê"],
  ["HD-MO-LAO", "Mộ Lao"],
  ["HD-NGUYEN-TRAI", "Nguyễn Trãi"],
  ["HD-PHU-LA", "Phú La"],
  ["HD-PHU-LAM", "Phú Lãm"],
  ["HD-PHU-LUONG", "Phú Lương"],
  ["HD-PHUC-LA", "Phúc La"],
  ["HD-QUANG-TRUNG", "Quang Trung"],
  ["HD-VAN-PHUC", "Vạn Phúc"],
  ["HD-VAN-QUAN", "Văn Quán"],
  ["HD-YEN-NGHIA", "Yên Nghĩa"],
  ["HD-YET-KIEU", "Yết Kiêu"],
];

async function ensureUnit(unit: { code: string; name: string; level: string }, parent: { id: string; path: string } | null) {
  return prisma.adminUnit.upsert({
    where: { code: unit.code },
    update: {},
    create: {
      ...unit,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${unit.code}/`,
      validFrom: PLAN_START,
    },
    select: { id: true, path: true },
  });
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
  { fullName: "Trần Thị Quản Trị", phone: "0901000001", email: "quan.hadong@example.vn", role: "district_admin", unitCode: DISTRICT.code, targetGroup: "OFF-D" },
  { fullName: "Lê Văn Phường", phone: "0901000002", email: "vanphuc@example.vn", role: "ward_admin", unitCode: "HD-VAN-PHUC", targetGroup: "OFF-W" },
  { fullName: "Phạm Thị Lan", phone: "0901000003", email: "hocvien@example.vn", role: "learner", unitCode: "HD-VAN-PHUC", targetGroup: "HH" },
  { fullName: "Nguyễn Văn An", phone: "0901000004", role: "learner", unitCode: "HD-VAN-PHUC", targetGroup: "HH" },
  { fullName: "Đỗ Thị Hoa", phone: "0901000005", role: "learner", unitCode: "HD-VAN-PHUC", targetGroup: "EDU" },
  { fullName: "Hoàng Minh Đức", phone: "0901000006", role: "learner", unitCode: "HD-PHU-LA", targetGroup: "BIZ" },
  { fullName: "Vũ Thị Mai", phone: "0901000007", role: "ward_admin", unitCode: "HD-PHU-LA", targetGroup: "OFF-W" },
];

async function seedDemoUsers(unitIds: Map<string, string>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_USERS) {
    const phone = normalisePhone(demo.phone);
    const unitId = unitIds.get(demo.unitCode);
    if (!phone || !unitId) throw new Error(`bad demo user ${demo.fullName}`);
    await prisma.user.upsert({
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
      },
      select: { id: true },
    });
  }
}

// A small roster per ward and group, so the coverage report has a denominator to show.
const DEMO_ROSTERS: { unitCode: string; targetGroup: string; entries: [name: string, phone: string][] }[] = [
  {
    unitCode: "HD-VAN-PHUC",
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
    unitCode: "HD-VAN-PHUC",
    targetGroup: "OFF-W",
    entries: [
      ["Lê Văn Phường", "0901000002"],
      ["Mai Thị Thanh", "0902000104"],
    ],
  },
  {
    unitCode: "HD-PHU-LA",
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

async function main() {
  const city = await ensureUnit(CITY, null);
  const district = await ensureUnit(DISTRICT, city);
  const unitIds = new Map([[DISTRICT.code, district.id]]);
  for (const [code, name] of WARDS) {
    const ward = await ensureUnit({ code, name, level: "ward" }, district);
    unitIds.set(code, ward.id);
  }
  if (process.env.DEMO_DATA !== "off") {
    await seedDemoUsers(unitIds);
    await seedDemoRosters(unitIds);
  }
}

await main();
await prisma.$disconnect();
