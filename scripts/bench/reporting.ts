// `npm run bench:reporting`: freezing the largest ward's year report on the demo generator's data
// at `seed:demo --scale 10` (BENCH_SCALE), while a prober asks the database for a small page every
// 5 ms in the same process (on SQLite every statement runs on the event loop, so this is what other
// requests would see), then opening the frozen report. Targets (issue 19): freeze < 3 s, other
// requests not blocked, opening < 100 ms. Builds its own database file; nothing leaves this machine.
import { freshBenchDatabase } from "./bench-server";

const FILE = "data/bench-reporting.db";
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const RUNS = 9;

freshBenchDatabase(FILE);

const { generateDemoData } = await import("../demo-data");
const started = Date.now();
await generateDemoData({ scale: SCALE, seed: 2021, until: new Date("2026-11-30T23:59:59+07:00") });
console.log(`generated scale ${SCALE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const { prisma } = await import("#app/utils/db.server");
const { resolveReportWards } = await import("#app/models/unit.server");
const { printableReport } = await import("#app/models/reporting/city.server");
const { freezeWardReport } = await import("#app/models/reporting/freeze.server");
const { findReportingPeriod } = await import("#app/models/reporting/periods.server");
const { findLatestSnapshot } = await import("#app/models/reporting/snapshot.server");
const { reportDocument } = await import("#app/utils/report-document");

// The year report that closes the 2021-2025 plan: five years of records, the most a ward freezes.
const report = findReportingPeriod("2025-N")!;
const { wards, shownAs } = await resolveReportWards("/HN/", report.end);
const counts = await prisma.qualification.groupBy({ by: ["unitId"], _count: { _all: true } });
const heldBy = new Map<string, number>();
for (const row of counts) {
  const shown = shownAs.get(row.unitId);
  if (shown) heldBy.set(shown.id, (heldBy.get(shown.id) ?? 0) + row._count._all);
}
const largest = wards.filter((ward) => ward.inForce).sort((a, b) => (heldBy.get(b.id) ?? 0) - (heldBy.get(a.id) ?? 0))[0]!;
const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { id: largest.id }, select: { id: true, path: true, code: true, name: true } });
// The generator makes no admin accounts; the freeze only records who did it.
const admin = await prisma.user.findFirstOrThrow({ select: { id: true } });
console.log(`largest ward on ${report.endDay}: ${ward.name}, ${heldBy.get(ward.id) ?? 0} qualifications through the crosswalk`);

// The prober: a small indexed read every 5 ms, each timed from the moment it was due.
const latencies: number[] = [];
let probing = true;
const prober = (async () => {
  while (probing) {
    const due = performance.now();
    await prisma.user.findFirst({ where: { phone: { startsWith: "+84" } }, select: { id: true, fullName: true } });
    latencies.push(performance.now() - due);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();
await new Promise((resolve) => setTimeout(resolve, 200));
const freezeStart = performance.now();
const frozen = await freezeWardReport(admin, ward, report);
const freezeSeconds = (performance.now() - freezeStart) / 1000;
await new Promise((resolve) => setTimeout(resolve, 200));
probing = false;
await prober;
if (!frozen.ok) throw new Error(`freeze refused: ${frozen.error}`);
const entries = await prisma.reportSnapshotEntry.count({ where: { snapshotId: frozen.snapshot.id } });
const p99 = [...latencies].sort((a, b) => a - b)[Math.ceil(latencies.length * 0.99) - 1]!;
console.log(`froze ${report.code} for ${ward.name}: ${entries} records counted, ${freezeSeconds.toFixed(2)} s; prober: ${latencies.length} reads, p99 ${p99.toFixed(1)} ms`);

// Opening the frozen report: the snapshot row and the printed document, no live table.
const open = async () => {
  const snapshot = (await findLatestSnapshot(ward.id, report.code))!;
  return reportDocument(await printableReport(snapshot, report));
};
await open();
const samples: number[] = [];
for (let index = 0; index < RUNS; index++) {
  const t = performance.now();
  await open();
  samples.push(performance.now() - t);
}
const openMs = samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
await prisma.$disconnect();
console.log(`reporting: freeze ${freezeSeconds.toFixed(2)} s, prober p99 ${p99.toFixed(1)} ms, open frozen ${openMs.toFixed(1)} ms`);
