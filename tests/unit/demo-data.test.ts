import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";

// Each run gets a database file of its own, made the way a fresh installation makes it.
// SQLite on both runs of the suite, on purpose: the generator's determinism is a property of the
// generator, not of the database, and the comparison reads the files with better-sqlite3 directly.
// The PostgreSQL run covers the seed through tests/e2e-pg, whose server seeds the demo data.
const files: string[] = [];
function generate(scale: number, seed: number) {
  const file = path.join(tmpdir(), `plte-demo-${process.pid}-${files.length}.db`);
  files.push(file);
  const env = { ...process.env, DATABASE_URL: `file:${file}`, DEMO_DATA: "off" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "scripts/seed-demo.ts", "--scale", String(scale), "--seed", String(seed), "--until", "2026-11-30"], { env, stdio: "pipe" });
  return new Database(file, { readonly: true });
}

afterAll(() => {
  for (const file of files) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
});

const CONTENT = [
  `SELECT u.code, r.targetGroup, r.name, r.phone, r.createdAt, r.leftAt FROM "RosterEntry" r JOIN "AdminUnit" u ON u.id = r.unitId ORDER BY r.id`,
  `SELECT q.indicator, q.period, q.qualifiedAt, q.source FROM "Qualification" q ORDER BY q.id`,
  `SELECT u.code, s.heldOn, s.kind, s.courses, s.headcount FROM "TrainingSession" s JOIN "AdminUnit" u ON u.id = s.unitId ORDER BY s.id`,
];

describe("npm run seed:demo", () => {
  test("gives the same data for the same seed and scale; scale multiplies the rosters", { timeout: 120_000 }, () => {
    const [first, second, other] = [generate(1, 7), generate(1, 7), generate(2, 8)];
    for (const query of CONTENT) {
      expect(second.prepare(query).all()).toEqual(first.prepare(query).all());
    }
    const count = (db: Database.Database) => (db.prepare(`SELECT COUNT(*) AS n FROM "RosterEntry"`).get() as { n: number }).n;
    expect(count(other) / count(first)).toBeCloseTo(2, 1);

    const perWard = first.prepare(`SELECT u.code, COUNT(*) AS n FROM "RosterEntry" r JOIN "AdminUnit" u ON u.id = r.unitId GROUP BY u.code`).all() as { code: string; n: number }[];
    expect(perWard).toHaveLength(17);
    // Craft villages: the silk households of Vạn Phúc and the forges of Đa Sỹ (Kiến Hưng).
    const names = (ward: string) =>
      (first.prepare(`SELECT r.name FROM "RosterEntry" r JOIN "AdminUnit" u ON u.id = r.unitId WHERE u.code = ?`).all(ward) as { name: string }[]).map((row) => row.name);
    expect(names("HD-VAN-PHUC").some((name) => name.startsWith("Hộ dệt lụa "))).toBe(true);
    expect(names("HD-KIEN-HUNG").some((name) => name.startsWith("Hộ rèn Đa Sỹ "))).toBe(true);
    // Children are counted at sessions and declared per ward, never listed by name.
    expect(first.prepare(`SELECT COUNT(*) AS n FROM "RosterEntry" WHERE targetGroup = 'CHILD'`).get()).toEqual({ n: 0 });
    expect((first.prepare(`SELECT SUM(headcount) AS n FROM "TrainingSession"`).get() as { n: number }).n).toBeGreaterThan(0);
    // Phones are Vietnamese mobile numbers in E.164, as the app stores them.
    const phones = first.prepare(`SELECT phone FROM "RosterEntry" WHERE phone IS NOT NULL`).all() as { phone: string }[];
    expect(phones.every((row) => /^\+843\d{8}$/.test(row.phone))).toBe(true);
  });
});
