import { readdirSync, readFileSync } from "node:fs";

import { describe, expect, test, vi } from "vitest";

import { ROSTER_COLUMNS } from "#app/models/roster-file.server";
import { mergeEntries } from "#app/models/roster-duplicates.server";
import { importRoster, markRosterEntryLeft } from "#app/models/roster.server";
import { scopeOn } from "#app/models/scope.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, createReorganisedArea, uniquePhone } from "#tests/fixtures/units";

import { confirmImport, discardImport, failInterruptedImports, findImportJob, listImportJobs, startImport } from "./jobs.server";
import { importSettled } from "./pool.server";
import { previewRows } from "./read.server";
import type { Runners } from "./runner.server";
import { writeImport } from "./write.server";

const HEADER = Object.values(ROSTER_COLUMNS).join(",");
const csv = (...lines: string[]) => ({ name: "ho-gia-dinh.csv", bytes: new TextEncoder().encode([HEADER, ...lines].join("\n")) });
const local = (phone: string) => `0${phone.slice(3)}`;

/** The processes this test process has started (Linux lists each thread's children). */
const childProcesses = () => readdirSync("/proc/self/task").flatMap((thread) => readFileSync(`/proc/self/task/${thread}/children`, "utf8").split(" ").filter(Boolean).map(Number));

async function uploaded(admin: Awaited<ReturnType<typeof createAdmin>>, target: { unitId: string; targetGroup: string }, file: ReturnType<typeof csv>) {
  const jobId = await startImport(admin, target, file);
  await importSettled(jobId);
  return (await findImportJob(admin.unitPath, jobId))!;
}

// These run the real import worker: its first task starts a thread that compiles the worker's
// sources through tsx, which takes seconds on a loaded machine before any import work starts.
describe("a roster import job", { timeout: 30_000 }, () => {
  test("is read off the request thread into a preview, writes nothing until confirmed, then writes exactly the preview", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const otherAdmin = await createAdmin(units.phuLa.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const [lan, son, hoa, shared] = [uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone()];
    await importRoster(admin, target, [
      { name: "Hộ bà Lan", phone: lan, taxCode: null, externalId: null },
      { name: "Hộ ông Sơn", phone: son, taxCode: null, externalId: null },
    ]);
    await importRoster(otherAdmin, { unitId: units.phuLa.id, targetGroup: "HH" }, [{ name: "Hộ ở Phú La", phone: shared, taxCode: null, externalId: null }]);
    const sonEntry = await prisma.rosterEntry.findFirstOrThrow({ where: { ...target, phone: son }, select: { id: true } });
    await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), sonEntry.id, new Date());

    const job = await uploaded(admin, target, csv(`Hộ bà Lan Anh,${local(lan)},,`, `Hộ ông Sơn,${local(son)},,`, `Hộ bà Hoa,${local(hoa)},,`, `Hộ bà Chung,${local(shared)},,`));
    expect(job).toMatchObject({ status: "previewed", created: 2, updated: 1, unchanged: 1, rowsTotal: 4, rowsRead: 4 });
    expect(job.preview?.renames.items).toEqual([{ line: 2, from: "Hộ bà Lan", to: "Hộ bà Lan Anh" }]);
    expect(job.preview?.returning.items).toMatchObject([{ line: 3, name: "Hộ ông Sơn" }]);
    expect(job.preview?.otherWards.items).toEqual([{ line: 5, phone: shared, ward: "Phú La" }]);
    expect(job.preview?.columns.recognised.map((column) => column.column)).toContain("phone");
    expect(await prisma.rosterEntry.count({ where: target })).toBe(2);

    expect(await confirmImport(admin, job.id, "0".repeat(64), false)).toBe(false);
    expect(await confirmImport(otherAdmin, job.id, job.fileHash, false)).toBe(false);
    expect(await confirmImport(admin, job.id, job.fileHash, false)).toBe(true);
    expect(await confirmImport(admin, job.id, job.fileHash, false)).toBe(false);
    await importSettled(job.id);

    const done = await findImportJob(admin.unitPath, job.id);
    expect(done).toMatchObject({ status: "done", created: 2, updated: 1, rowsWritten: 4 });
    const entries = await prisma.rosterEntry.findMany({ where: target, select: { name: true, leftAt: true }, orderBy: { name: "asc" } });
    expect(entries.map((entry) => [entry.name, entry.leftAt !== null])).toEqual([
      ["Hộ bà Chung", false],
      ["Hộ bà Hoa", false],
      ["Hộ bà Lan Anh", false],
      ["Hộ ông Sơn", true],
    ]);
    expect(await prisma.importRow.count({ where: { jobId: job.id } })).toBe(0);
    expect((await prisma.importJob.findUniqueOrThrow({ where: { id: job.id }, select: { file: true } })).file).toBeNull();
  });

  test("a file with a year of birth column writes each year, and a later file without the year keeps it", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const [lan, son] = [uniquePhone(), uniquePhone()];
    const file = (text: string) => ({ name: "ho-gia-dinh.csv", bytes: new TextEncoder().encode(text) });
    const importFile = async (text: string) => {
      const job = await uploaded(admin, target, file(text));
      expect(await confirmImport(admin, job.id, job.fileHash, false)).toBe(true);
      await importSettled(job.id);
      expect(await findImportJob(admin.unitPath, job.id)).toMatchObject({ status: "done" });
    };
    const years = async () =>
      (await prisma.rosterEntry.findMany({ where: target, select: { name: true, birthYear: true }, orderBy: { name: "asc" } })).map((entry) => [entry.name, entry.birthYear]);

    await importFile(`Họ và tên chủ hộ,Năm sinh (chủ hộ),SĐT\nHộ bà Lan,1962,${local(lan)}\nHộ ông Sơn,,${local(son)}\n`);
    expect(await years()).toEqual([
      ["Hộ bà Lan", 1962],
      ["Hộ ông Sơn", null],
    ]);
    await importFile(`Họ tên,SĐT,NS\nHộ bà Lan,${local(lan)},\nHộ ông Sơn,${local(son)},1958\n`);
    expect(await years()).toEqual([
      ["Hộ bà Lan", 1962],
      ["Hộ ông Sơn", 1958],
    ]);
  });

  test("a file with problems fails with them, and a discarded preview writes nothing", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const refused = await uploaded(admin, target, csv("Hộ bà Lan,12345,,"));
    expect(refused.status).toBe("failed");
    expect(refused.problems).toEqual([{ row: 2, column: ROSTER_COLUMNS.phone, problem: "form.phone.invalid" }]);

    const previewed = await uploaded(admin, target, csv(`Hộ bà Lan,${local(uniquePhone())},,`));
    expect(await discardImport(admin, previewed.id)).toBe(true);
    expect(await confirmImport(admin, previewed.id, previewed.fileHash, false)).toBe(false);
    expect(await prisma.rosterEntry.count({ where: target })).toBe(0);
  });

  test("runs in a process of its own: one that dies waiting or reading fails nothing else or its job, and the next import runs", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const importFile = async () => (await uploaded(admin, target, csv(`Hộ bà Lan,${local(uniquePhone())},,`))).status;
    const killImportProcesses = () => {
      const processes = childProcesses();
      for (const pid of processes) process.kill(pid, "SIGKILL");
      return processes.length;
    };
    // After an import a fresh process waits for the next one; it dies while waiting.
    expect(await importFile()).toBe("previewed");
    while (childProcesses().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(killImportProcesses()).toBe(1);
    while (childProcesses().length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await importFile()).toBe("previewed");
    // One dies while it reads a long file: its job fails, nothing is written.
    const rows = Array.from({ length: 50_000 }, (_, row) => `Hộ số ${row},09${String(10_000_000 + row).slice(-8)},,`);
    const reading = await startImport(admin, target, csv(...rows));
    while ((await findImportJob(admin.unitPath, reading))?.status !== "reading") await new Promise((resolve) => setTimeout(resolve, 10));
    expect(killImportProcesses()).toBe(1);
    await importSettled(reading);
    expect(await findImportJob(admin.unitPath, reading)).toMatchObject({ status: "failed", problems: [{ problem: "rosterImport.readFailed" }] });

    expect(await importFile()).toBe("previewed");
    expect(await prisma.rosterEntry.count({ where: target })).toBe(0);
    // The server logged both deaths (and failing them is all it did: no uncaught error).
    const logged = vi.mocked(console.error);
    expect(logged.mock.calls.map(([message]) => String(message))).toEqual(["roster import process died before taking a task", `roster import ${reading} (read) failed`]);
    logged.mockClear();
  });

  test("a roster changed after the preview is not written over: the job fails and says so", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const phone = uniquePhone();
    await importRoster(admin, target, [{ name: "Hộ bà Lan", phone, taxCode: null, externalId: null }]);
    const job = await uploaded(admin, target, csv(`Hộ bà Lan Anh,${local(phone)},,`));
    await prisma.rosterEntry.updateMany({ where: { ...target, phone }, data: { name: "Hộ bà Lan Chi" } });
    expect(await confirmImport(admin, job.id, job.fileHash, false)).toBe(true);
    await importSettled(job.id);
    expect(await findImportJob(admin.unitPath, job.id)).toMatchObject({ status: "failed", problems: [{ problem: "rosterImport.rosterChanged" }] });
    expect((await prisma.rosterEntry.findFirstOrThrow({ where: { ...target, phone }, select: { name: true } })).name).toBe("Hộ bà Lan Chi");
  });
});

describe("writing an import", () => {
  test("is all or nothing: a row that cannot be written leaves the roster as it was", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const [kept, taken] = [uniquePhone(), uniquePhone()];
    await importRoster(admin, target, [{ name: "Hộ bà Lan", phone: kept, taxCode: null, externalId: null }]);
    const existing = await prisma.rosterEntry.findFirstOrThrow({ where: target, select: { id: true } });
    const job = await prisma.importJob.create({ data: { ...target, createdById: admin.id, fileName: "", fileHash: "", status: "reading" }, select: { id: true } });
    const rows = [
      { line: 2, name: "Hộ bà Lan Anh", phone: kept, taxCode: null, externalId: null },
      { line: 3, name: "Hộ bà Mới", phone: taken, taxCode: null, externalId: null },
    ];
    await previewRows(job.id, target, { ok: true, rows, columns: { recognised: [], ignored: [] }, notes: [] });
    // The new entry is given the existing entry's id: its INSERT fails after the UPDATE ran.
    await prisma.importRow.updateMany({ where: { jobId: job.id, action: "create" }, data: { entryId: existing.id } });
    await prisma.importJob.update({ where: { id: job.id }, data: { status: "writing" } });

    await expect(writeImport(job.id, { indicatorsByCourse: {} })).rejects.toThrow();
    expect(await prisma.rosterEntry.findMany({ where: target, select: { name: true } })).toEqual([{ name: "Hộ bà Lan" }]);
    expect(await prisma.importJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).toEqual({ status: "failed" });
  });

  test("a job a crash left reading or writing is marked failed at the next start, its staged rows dropped, nothing written", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const job = await prisma.importJob.create({ data: { ...target, createdById: admin.id, fileName: "a.csv", fileHash: "", status: "reading" }, select: { id: true } });
    const rows = [{ line: 2, name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null }];
    await previewRows(job.id, target, { ok: true, rows, columns: { recognised: [], ignored: [] }, notes: [] });
    await prisma.importJob.update({ where: { id: job.id }, data: { status: "writing" } });

    expect(await failInterruptedImports()).toBeGreaterThanOrEqual(1);
    expect(await findImportJob(admin.unitPath, job.id)).toMatchObject({ status: "failed", problems: [{ problem: "rosterImport.interrupted" }] });
    expect(await prisma.importRow.count({ where: { jobId: job.id } })).toBe(0);
    expect(await prisma.rosterEntry.count({ where: target })).toBe(0);
  });

  test("a new ward's import history holds the imports into the former wards it took over; another new ward's does not", async () => {
    const area = await createReorganisedArea();
    const formerAdmin = await createAdmin(area.first.id, "ward_admin");
    await importRoster(formerAdmin, { unitId: area.first.id, targetGroup: "HH" }, [{ name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null }]);
    const job = await prisma.importJob.findFirstOrThrow({ where: { unitId: area.first.id }, select: { id: true } });

    expect((await listImportJobs(area.northWard.path)).map((listed) => listed.id)).toEqual([job.id]);
    expect(await findImportJob(area.northWard.path, job.id)).toMatchObject({ status: "done" });
    expect(await listImportJobs(area.southWard.path)).toEqual([]);
    expect(await findImportJob(area.southWard.path, job.id)).toBeNull();
  });

  test("with one server process per core, a replaced worker fails the jobs of the one that crashed, never a live sibling's", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const jobRunBy = async (runner: string) =>
      (await prisma.importJob.create({ data: { ...target, createdById: admin.id, fileName: "a.csv", fileHash: "", status: "writing", runner }, select: { id: true } })).id;
    const group = `group-${uniquePhone()}`;
    const [sibling, crashed, previousStart] = [await jobRunBy(`${group}:2`), await jobRunBy(`${group}:1`), await jobRunBy("an-earlier-start:2")];

    // Worker 3 replaces worker 1, which crashed; worker 2 is still writing its import.
    const replacement: Runners = { group, worker: 3, gone: new Set([1]) };
    await failInterruptedImports(replacement);
    const statusOf = async (id: string) => (await findImportJob(admin.unitPath, id))?.status;
    expect(await statusOf(sibling)).toBe("writing");
    expect(await statusOf(crashed)).toBe("failed");
    expect(await statusOf(previousStart)).toBe("failed");
  });

  test("a row matching an entry merged into another updates the entry it was merged into, never the merged one", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const [first, second] = [uniquePhone(), uniquePhone()];
    await importRoster(admin, target, [
      { name: "Hộ bà Lan", phone: first, taxCode: null, externalId: null },
      { name: "Hộ bà Lan (nhập lần hai)", phone: second, taxCode: null, externalId: null },
    ]);
    const entry = (phone: string) => prisma.rosterEntry.findFirstOrThrow({ where: { ...target, phone }, select: { id: true } });
    const [kept, merged] = [await entry(first), await entry(second)];
    expect(await mergeEntries(admin, await scopeOn(admin.unitPath), kept.id, merged.id)).toBe(true);

    expect(await importRoster(admin, target, [{ name: "Hộ bà Lan Anh", phone: second, taxCode: null, externalId: null }])).toMatchObject({ created: 0, updated: 1 });
    const entries = await prisma.rosterEntry.findMany({ where: target, select: { id: true, name: true, phone: true, mergedIntoId: true }, orderBy: { createdAt: "asc" } });
    expect(entries).toEqual(
      expect.arrayContaining([
        { id: kept.id, name: "Hộ bà Lan Anh", phone: second, mergedIntoId: null },
        { id: merged.id, name: "Hộ bà Lan (nhập lần hai)", phone: second, mergedIntoId: kept.id },
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  test("a row matching an entry merged into another ward's entry is left as it is: nothing written, nothing created", async () => {
    const units = await createDistrict();
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    const [vanPhuc, phuLa] = [
      { unitId: units.vanPhuc.id, targetGroup: "HH" },
      { unitId: units.phuLa.id, targetGroup: "HH" },
    ];
    const phone = uniquePhone();
    await importRoster(districtAdmin, vanPhuc, [{ name: "Hộ bà Lan", phone, taxCode: null, externalId: "VP-1" }]);
    await importRoster(districtAdmin, phuLa, [{ name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null }]);
    const [merged, kept] = [await prisma.rosterEntry.findFirstOrThrow({ where: vanPhuc }), await prisma.rosterEntry.findFirstOrThrow({ where: phuLa })];
    expect(await mergeEntries(districtAdmin, await scopeOn(districtAdmin.unitPath), kept.id, merged.id)).toBe(true);

    expect(await importRoster(districtAdmin, vanPhuc, [{ name: "Hộ bà Lan Anh", phone, taxCode: null, externalId: "VP-1" }])).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await prisma.rosterEntry.findMany({ where: vanPhuc, select: { name: true, mergedIntoId: true } })).toEqual([{ name: "Hộ bà Lan", mergedIntoId: kept.id }]);
    expect(await prisma.rosterEntry.findUniqueOrThrow({ where: { id: kept.id }, select: { name: true } })).toEqual({ name: "Hộ bà Lan" });
  });
});
