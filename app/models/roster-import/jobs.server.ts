import { createHash } from "node:crypto";

import type { RosterProblem } from "#app/models/roster-file.server";
import { scopeOn, unitInScope } from "#app/models/scope.server";
import type { AdminUser } from "#app/utils/auth.server";
import { runStatement } from "#app/utils/database-driver.server";
import { prisma } from "#app/utils/db.server";

import { dispatchImport, rowsWrittenSoFar } from "./pool.server";
import { qualificationRules } from "./rules.server";
import { isAlive, runnerName, thisProcess, type Runners } from "./runner.server";
import type { ImportPreview, ImportStatus } from "./types";

const IN_PROGRESS: ImportStatus[] = ["queued", "reading", "writing"];
export const isInProgress = (status: string) => IN_PROGRESS.includes(status as ImportStatus);

/**
 * Keeps an uploaded roster file as a queued job and starts reading it in the import worker.
 * The ward must already be resolved in the admin's scope by the caller.
 */
export async function startImport(admin: AdminUser, target: { unitId: string; targetGroup: string }, file: { name: string; bytes: Uint8Array }) {
  const job = await prisma.importJob.create({
    data: {
      ...target,
      createdById: admin.id,
      fileName: file.name.slice(0, 200),
      fileHash: createHash("sha256").update(file.bytes).digest("hex"),
      status: "queued",
      runner: runnerName(thisProcess),
    },
    select: { id: true },
  });
  // The file goes in through the driver (see runStatement). A crash before the worker starts
  // leaves the job queued, which the next start marks failed, file or not.
  await runStatement(`UPDATE "ImportJob" SET "file" = ? WHERE "id" = ?`, [file.bytes, job.id]);
  dispatchImport({ kind: "read", jobId: job.id });
  return job.id;
}

/**
 * Confirms a previewed job for the file the admin saw (its hash), and starts writing it. The
 * job is claimed with one conditional update, so that of two confirms (two tabs, two servers)
 * only one writes. False when the job is not previewed, not in scope or not this file.
 */
export async function confirmImport(admin: AdminUser, jobId: string, fileHash: string, clearLeft: boolean) {
  const { count } = await prisma.importJob.updateMany({
    where: { id: jobId, status: "previewed", fileHash, ...unitInScope(await scopeOn(admin.unitPath)) },
    data: { status: "writing", clearLeft, runner: runnerName(thisProcess) },
  });
  if (count === 0) return false;
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { targetGroup: true } });
  dispatchImport({ kind: "write", jobId, rules: await qualificationRules(job.targetGroup) });
  return true;
}

/** Gives up a previewed job: nothing is written, its file and staged rows go. */
export async function discardImport(admin: AdminUser, jobId: string) {
  const { count } = await prisma.importJob.updateMany({
    where: { id: jobId, status: "previewed", ...unitInScope(await scopeOn(admin.unitPath)) },
    data: { status: "failed", problems: JSON.stringify([{ row: null, column: null, problem: "rosterImport.discarded" }]), file: null, finishedAt: new Date() },
  });
  if (count > 0) await prisma.importRow.deleteMany({ where: { jobId } });
  return count > 0;
}

const jobSelect = {
  id: true,
  status: true,
  fileName: true,
  fileHash: true,
  targetGroup: true,
  rowsTotal: true,
  rowsRead: true,
  rowsWritten: true,
  created: true,
  updated: true,
  unchanged: true,
  matched: true,
  clearLeft: true,
  createdAt: true,
  finishedAt: true,
  unit: { select: { name: true } },
  createdBy: { select: { fullName: true } },
} as const;

/** An import job in the admin's scope, with its problems and preview, or null. */
export async function findImportJob(scopePath: string, jobId: string) {
  const job = await prisma.importJob.findFirst({ where: { id: jobId, ...unitInScope(await scopeOn(scopePath)) }, select: { ...jobSelect, problems: true, preview: true } });
  if (!job) return null;
  const { problems, preview, ...rest } = job;
  return {
    ...rest,
    rowsWritten: rowsWrittenSoFar(job.id) ?? job.rowsWritten,
    problems: problems ? (JSON.parse(problems) as RosterProblem[]) : [],
    preview: preview ? (JSON.parse(preview) as ImportPreview) : null,
  };
}

/** Where a job stands, for the progress bar's polling: a few fields, no preview. */
export async function findImportProgress(scopePath: string, jobId: string) {
  const job = await prisma.importJob.findFirst({
    where: { id: jobId, ...unitInScope(await scopeOn(scopePath)) },
    select: { status: true, rowsTotal: true, rowsRead: true, rowsWritten: true },
  });
  return job && { ...job, rowsWritten: rowsWrittenSoFar(jobId) ?? job.rowsWritten };
}

/** The latest imports into the wards of the admin's scope, newest first: who, when, which file, what came of it. */
export async function listImportJobs(scopePath: string, take = 20) {
  return prisma.importJob.findMany({ where: unitInScope(await scopeOn(scopePath)), select: jobSelect, orderBy: { createdAt: "desc" }, take });
}

/**
 * At server start: a job left queued, reading or writing by a process that is gone was
 * interrupted by a crash or a stop (runner.server.ts). A write is one transaction, so the roster
 * holds none of it; the job is marked failed and its staged rows and file are dropped. (With two
 * servers on one database, one's restart fails the other's running job too: its write then finds
 * the job no longer "writing" and rolls back; the admin re-uploads.)
 */
export async function failInterruptedImports(runners: Runners = thisProcess) {
  const inProgress = await prisma.importJob.findMany({ where: { status: { in: IN_PROGRESS } }, select: { id: true, runner: true } });
  const interrupted = inProgress.filter((job) => !isAlive(job.runner, runners));
  if (interrupted.length === 0) return 0;
  const ids = interrupted.map((job) => job.id);
  const problem: RosterProblem = { row: null, column: null, problem: "rosterImport.interrupted" };
  await prisma.$transaction([
    prisma.importJob.updateMany({
      where: { id: { in: ids }, status: { in: IN_PROGRESS } },
      data: { status: "failed", problems: JSON.stringify([problem]), file: null, finishedAt: new Date() },
    }),
    prisma.importRow.deleteMany({ where: { jobId: { in: ids } } }),
  ]);
  return ids.length;
}
