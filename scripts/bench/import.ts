// `npm run bench:import`: a 100,000-row roster as CSV and as Excel, each imported new and then
// re-imported with every name changed (all updates), through the built server as a browser would:
// upload, wait for the preview, confirm the file's hash, wait for "done". Meanwhile a prober asks
// for `/` and a signed-in lesson page back to back, and the server's peak resident memory is read.
// Targets (issue 14): each case ≤ 10 s from upload to done, prober p99 ≤ 300 ms with no error,
// memory growth ≤ 300 MB. Builds its own database file; nothing leaves this machine.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

import ExcelJS from "exceljs";

import { startBenchServer, startProber } from "./bench-server";
import { machineSpeedLine } from "./machine-speed";

const PORT = Number(process.env.BENCH_PORT ?? 3291);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BASE = `http://127.0.0.1:${PORT}`;
const HEADER = ["Họ và tên hoặc tên tổ chức", "Số điện thoại", "Mã số thuế", "Mã riêng của phường"];

const server = await startBenchServer({ port: PORT, databaseFile: "data/bench-import.db" });
const { prisma } = await import("#app/utils/db.server");
const { startSession } = await import("#app/utils/auth.server");
const admin = await prisma.user.findFirstOrThrow({ where: { role: "ward_admin" }, select: { id: true, unitId: true } });
const adminCookie = (await startSession(admin.id)).split(";")[0] ?? "";

const memoryField = (field: "VmRSS" | "VmHWM") => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1]) / 1024;
const rssMb = () => memoryField("VmRSS");
// The kernel's own high-water mark of the server's resident memory (worker threads included),
// started anew from the current resident memory before each case ("5" to clear_refs, Linux):
// the true peak, which sampling between probes could miss.
const peakMb = () => memoryField("VmHWM");
const resetPeak = () => writeFileSync(`/proc/${server.pid}/clear_refs`, "5");

function rowsOf(prefix: string, edited: boolean) {
  return Array.from({ length: ROWS }, (_, row) => [`Hộ ${prefix} số ${row}${edited ? " (đã sửa)" : ""}`, `09${String(10_000_000 + row).slice(-8)}`, "", `${prefix}-${row}`]);
}

async function csvOf(rows: string[][]) {
  return { bytes: Buffer.from(`${[HEADER, ...rows].map((row) => row.join(",")).join("\r\n")}\r\n`), name: "danh-sach.csv", type: "text/csv" };
}

async function xlsxOf(rows: string[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Danh sách");
  sheet.addRow(HEADER);
  sheet.addRows(rows);
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), name: "danh-sach.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}

// Each import runs in a child process of the server (docs/decisions/012-import-jobs.md): its own
// peak, sampled while it lives, is printed beside the server's growth.
const childrenOf = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).flatMap((thread) => readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").split(" ").filter(Boolean).map(Number));
function watchImportProcesses() {
  let peak = 0;
  const timer = setInterval(() => {
    for (const child of childrenOf(server.pid)) {
      try {
        peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child}/status`, "utf8"))?.[1] ?? 0) / 1024);
      } catch {
        // The process ended between the listing and the read.
      }
    }
  }, 50);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

async function waitFor(progressUrl: string, wanted: string) {
  for (;;) {
    const { status } = (await (await fetch(progressUrl, { headers: { cookie: adminCookie } })).json()) as { status: string };
    if (status === wanted) return;
    if (status === "failed" || status === "done") throw new Error(`import ended ${status}, wanted ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function importOnce(file: { bytes: Buffer; name: string; type: string }, targetGroup: string) {
  const form = new FormData();
  form.set("unitId", admin.unitId);
  form.set("targetGroup", targetGroup);
  form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const uploaded = await fetch(`${BASE}/quan-tri/danh-sach?index`, { method: "POST", body: form, redirect: "manual", headers: { cookie: adminCookie, origin: BASE } });
  const jobPage = uploaded.headers.get("location");
  if (uploaded.status !== 302 || !jobPage) throw new Error(`upload answered ${uploaded.status}`);
  await waitFor(`${BASE}${jobPage}/tien-do`, "previewed");
  const previewedAt = performance.now();
  const fileHash = createHash("sha256").update(file.bytes).digest("hex");
  const confirmed = await fetch(`${BASE}${jobPage}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "confirm", fileHash }),
    redirect: "manual",
    headers: { cookie: adminCookie, origin: BASE },
  });
  if (confirmed.status !== 302) throw new Error(`confirm answered ${confirmed.status}`);
  await waitFor(`${BASE}${jobPage}/tien-do`, "done");
  return { previewedAt };
}

async function measured(label: string, file: { bytes: Buffer; name: string; type: string }, targetGroup: string, rssBefore: number) {
  resetPeak();
  const prober = startProber(BASE, server);
  const importProcesses = watchImportProcesses();
  const started = performance.now();
  const { previewedAt } = await importOnce(file, targetGroup);
  const seconds = (performance.now() - started) / 1000;
  const toPreview = (previewedAt - started) / 1000;
  const { latencies, errors } = await prober.stop();
  const peak = peakMb();
  const importPeak = importProcesses();
  const result = { label, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), growth: peak - rssBefore, errors, probes: latencies.length };
  console.log(
    `${label}: ${ROWS} rows in ${seconds.toFixed(1)} s (preview ${toPreview.toFixed(1)} s, write ${(seconds - toPreview).toFixed(1)} s; ${Math.round(ROWS / seconds)} rows/s); prober ${result.probes} requests, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${errors} errors; memory +${result.growth.toFixed(0)} MB (import process peak ${importPeak.toFixed(0)} MB)`,
  );
  return result;
}

try {
  console.log(`preparing ${ROWS}-row files…`);
  const files = {
    csvNew: await csvOf(rowsOf("CSV", false)),
    csvAgain: await csvOf(rowsOf("CSV", true)),
    xlsxNew: await xlsxOf(rowsOf("XLSX", false)),
    xlsxAgain: await xlsxOf(rowsOf("XLSX", true)),
  };
  // Warm-up: the first request of each page compiles nothing, and each import starts a process of its own.
  for (let index = 0; index < 20; index++) await (await fetch(`${BASE}${server.lessonPath}`, { headers: { cookie: server.learnerCookie } })).arrayBuffer();
  const rssBefore = rssMb();
  console.log(machineSpeedLine());
  console.log(`server resident memory before: ${rssBefore.toFixed(0)} MB`);
  const results = [
    await measured("CSV new", files.csvNew, "BIZ", rssBefore),
    await measured("CSV re-import", files.csvAgain, "BIZ", rssBefore),
    await measured("XLSX new", files.xlsxNew, "COOP", rssBefore),
    await measured("XLSX re-import", files.xlsxAgain, "COOP", rssBefore),
  ];
  const written = await prisma.rosterEntry.count({ where: { unitId: admin.unitId, targetGroup: { in: ["BIZ", "COOP"] }, name: { endsWith: "(đã sửa)" } } });
  if (written !== 2 * ROWS) throw new Error(`expected ${2 * ROWS} updated entries, found ${written}`);
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  if (errors > 0) console.log(`prober errors: ${errors}`);
  const slowest = Math.max(...results.map((result) => result.seconds));
  const p99 = Math.max(...results.map((result) => result.p99));
  const growth = Math.max(...results.map((result) => result.growth));
  console.log(machineSpeedLine());
  console.log(`import: slowest ${slowest.toFixed(1)} s, prober p99 ${p99.toFixed(0)} ms, memory +${growth.toFixed(0)} MB`);
} finally {
  await server.stop();
}
