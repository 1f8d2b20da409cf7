import { existsSync } from "node:fs";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";

import { Piscina } from "piscina";

import type { RosterProblem } from "#app/models/roster-file.server";
import { prisma } from "#app/utils/db.server";

import type { ImportTask } from "./types";

// The built server runs the worker bundled by scripts/build-worker.ts; development and the tests
// run its source through tsx.
const BUNDLE = path.resolve("build/roster-import-worker.js");
const SOURCE = path.resolve("app/models/roster-import/worker.ts");

const WORKER_HEAP_MB = 192;

let pool: Piscina | undefined;
function importPool() {
  const bundled = process.env.NODE_ENV === "production" && existsSync(BUNDLE);
  // One import at a time per server: on a 2-core machine a second one would take the other core
  // from the pages. The thread ends after each task (idleTimeout 0), its database connection and
  // its whole heap with it: a V8 heap once grown is kept by a live thread (some 400 MB of resident
  // memory after a 100,000-row file), and a thread kept from the preview to the write carried the
  // read's memory into it; a new thread starts in a fraction of a second. Its heap is capped so
  // that V8 collects as it goes rather than grow into memory the pages need (issue 14: an import
  // may take 300 MB); a 100,000-row file's rows take under 100 MB of it.
  pool ??= new Piscina({
    filename: bundled ? BUNDLE : SOURCE,
    execArgv: bundled ? [] : ["--import", "tsx"],
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 0,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
  });
  return pool;
}

const written = new Map<string, number>();
const running = new Map<string, Promise<void>>();

/**
 * A task that threw, or whose thread died (out of its capped heap), leaves its job as it was:
 * marked failed here, so that the admin is told rather than shown "reading" for ever. A write
 * is one transaction, so nothing of it is on the roster.
 */
async function failUnfinished(task: ImportTask) {
  const problem: RosterProblem = { row: null, column: null, problem: task.kind === "read" ? "rosterImport.readFailed" : "rosterImport.writeFailed" };
  const { count } = await prisma.importJob.updateMany({
    where: { id: task.jobId, status: { in: ["queued", "reading", "writing"] } },
    data: { status: "failed", problems: JSON.stringify([problem]), file: null, finishedAt: new Date() },
  });
  if (count > 0) await prisma.importRow.deleteMany({ where: { jobId: task.jobId } });
}

/** Runs a task in the import worker; a failure is logged, the job itself records what the admin sees. */
export function dispatchImport(task: ImportTask) {
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (rows: number) => written.set(task.jobId, rows));
  const done = (importPool().run({ ...task, port: port2 }, { transferList: [port2] }) as Promise<void>)
    .catch(async (error: unknown) => {
      console.error(`roster import ${task.jobId} (${task.kind}) failed`, error);
      await failUnfinished(task).catch((failure: unknown) => console.error(`roster import ${task.jobId}: could not mark it failed`, failure));
    })
    .finally(() => {
      port1.close();
      written.delete(task.jobId);
      running.delete(task.jobId);
    });
  running.set(task.jobId, done);
}

/** Rows written so far by a job this server is writing (the write is one transaction: only the worker knows). */
export const rowsWrittenSoFar = (jobId: string) => written.get(jobId) ?? null;

/** Resolves when this server's task for the job has finished (tests and the benchmark wait on it). */
export const importSettled = (jobId: string) => running.get(jobId) ?? Promise.resolve();
