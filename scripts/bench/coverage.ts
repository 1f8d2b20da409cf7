// `npm run bench:coverage`: the full district report (every indicator, every ward, the monthly
// trend) on 200,000 roster entries and 2,000,000 progress and attendance rows, against the same figures from one
// hand-written SQL query on the same database, same run. Target (issue 4): within 1.5x the raw
// query and under 300 ms. Builds its own database file; nothing leaves this machine.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

import Database from "better-sqlite3";

const FILE = "data/bench-coverage.db";
const ROSTER = Number(process.env.BENCH_ROSTER ?? 200_000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 2_000_000);
const RUNS = 9;

for (const suffix of ["", "-wal", "-shm"]) rmSync(`${FILE}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:./${FILE}`;
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: { ...process.env, DEMO_DATA: "off" }, stdio: "ignore" });

// Deterministic synthetic data: the same seed gives the same database.
let state = 20261128;
const random = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
};
const GROUP_SHARE: [string, number][] = [
  ["HH", 0.5], ["PAR", 0.2], ["CHILD", 0.1], ["EDU", 0.05], ["BIZ", 0.075], ["COOP", 0.025], ["OFF-W", 0.025], ["OFF-D", 0.025],
];
const INDICATORS_OF: Record<string, string[]> = {
  HH: ["T-COOP-HH", "C-ORG"], COOP: ["T-COOP-HH", "C-ORG"], BIZ: ["T-BIZ", "C-ORG"], PAR: ["C-PAR"],
  CHILD: ["C-CHILD"], EDU: ["C-EDU"], "OFF-W": ["T-OFF-W"], "OFF-D": ["T-OFF-D"],
};
const pickGroup = () => {
  let roll = random();
  for (const [group, share] of GROUP_SHARE) if ((roll -= share) < 0) return group;
  return "HH";
};

const db = new Database(FILE);
db.pragma("journal_mode = WAL");
const wards = db.prepare(`SELECT id FROM "AdminUnit" WHERE level = 'ward'`).all() as { id: string }[];
const started = Date.now();
const now = new Date().toISOString();
const insertEntry = db.prepare(
  `INSERT INTO "RosterEntry" (id, unitId, targetGroup, name, searchName, phone, leftAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertQualification = db.prepare(
  `INSERT INTO "Qualification" (id, indicator, rosterEntryId, unitId, qualifiedAt, month, source, leftAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertProgress = db.prepare(
  `INSERT INTO "ModuleProgress" (id, userId, courseSlug, moduleSlug, contentVersion, readAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);
db.prepare(`INSERT INTO "User" (id, fullName, searchName, phone, role, unitId, updatedAt) VALUES ('bench-user', 'Bench', 'bench', '+84900000000', 'learner', ?, ?)`).run(wards[0]!.id, now);
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString();

db.transaction(() => {
  for (let index = 0; index < ROSTER; index++) {
    const id = `re${index}`;
    const group = pickGroup();
    const ward = wards[Math.floor(random() * wards.length)]!.id;
    const left = random() < 0.03 ? day(Math.floor(random() * 300)) : null;
    insertEntry.run(id, ward, group, `Người ${index}`, `nguoi ${index}`, `+849${String(index).padStart(8, "0")}`, left, now, now);
    for (const indicator of INDICATORS_OF[group] ?? []) {
      if (random() < 0.6) {
        const at = day(Math.floor(random() * 330));
        insertQualification.run(`q${index}${indicator}`, indicator, id, ward, at, at.slice(0, 7), "online", left, now);
      }
    }
  }
  // Learning history the report must not scan: progress and attendance-like rows.
  for (let index = 0; index < HISTORY; index++) {
    insertProgress.run(`mp${index}`, "bench-user", `course-${index % 97}`, `module-${index}`, "v1", now, now, now);
  }
})();
const counts = db.prepare(`SELECT (SELECT COUNT(*) FROM "RosterEntry") AS roster, (SELECT COUNT(*) FROM "Qualification") AS qualifications, (SELECT COUNT(*) FROM "ModuleProgress") AS history`).get();
console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
db.pragma("optimize");

const { getCoverage } = await import("#app/models/coverage.server");
const { getProgramme } = await import("#app/content/programme.server");
const { prisma } = await import("#app/utils/db.server");

const period = getProgramme().periods.find((candidate) => candidate.code === "2026-2030")!;
const asOf = new Date();
const RAW = `
  SELECT 'population' AS kind, unitId, targetGroup AS code, COUNT(*) AS n FROM "RosterEntry"
   WHERE leftAt IS NULL OR leftAt > @asOf GROUP BY unitId, targetGroup
  UNION ALL
  SELECT 'reached', unitId, indicator || ' ' || month, COUNT(*) FROM "Qualification"
   WHERE qualifiedAt >= @start AND qualifiedAt <= @asOf AND (leftAt IS NULL OR leftAt > @asOf)
   GROUP BY indicator, unitId, month`;
const raw = db.prepare(RAW);
const rawParams = { asOf: asOf.toISOString(), start: period.start.toISOString() };

function median(samples: number[]) {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

async function time(run: () => unknown) {
  await run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const report = await getCoverage("/HN/", period, asOf);
const rawRows = raw.all(rawParams) as { kind: string; unitId: string; code: string; n: number }[];
const rawReached = rawRows.filter((row) => row.kind === "reached").reduce((sum, row) => sum + row.n, 0);
const reportReached = report.totals.reduce((sum, cell) => sum + cell.reached, 0);
if (rawReached !== reportReached) throw new Error(`figures differ: report ${reportReached}, raw ${rawReached}`);

const reportMs = await time(() => getCoverage("/HN/", period, asOf));
const rawMs = await time(() => raw.all(rawParams));
console.log(`full district report (8 indicators x ${report.rows.length} wards): ${reportMs.toFixed(1)} ms (median of ${RUNS})`);
console.log(`hand-written SQL, same figures:                     ${rawMs.toFixed(1)} ms (median of ${RUNS})`);
console.log(`ratio report/raw: ${(reportMs / rawMs).toFixed(2)} (target <= 1.5); report under 300 ms: ${reportMs < 300 ? "yes" : "NO"}`);
await prisma.$disconnect();
db.close();
