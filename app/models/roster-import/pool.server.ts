import { existsSync } from "node:fs";
import path from "node:path";

import { Tinypool } from "tinypool";

import type { RosterProblem } from "#app/models/roster-file.server";
import { prisma } from "#app/utils/db.server";

import type { ImportProgress, ImportTask } from "./types";

// The built server runs the worker bundled by scripts/build-worker.ts; development and the tests
// run its source through tsx.
const BUNDLE = path.resolve("build/roster-import-worker.js");
const SOURCE = path.resolve("app/models/roster-import/worker.ts");

const WORKER_HEAP_MB = 192;

let pool: Tinypool | undefined;
function importPool() {
  if (pool) return pool;
  const bundled = process.env.NODE_ENV === "production" && existsSync(BUNDLE);
  // One import at a time per server: on a 2-core machine a second one would take the other core
  // from the pages. Each task runs in a child process of its own (isolateWorkers), which ends with
  // the task: the memory a 100,000-row file needs goes back to the system when it exits, where a
  // worker thread's native allocations stayed in the server's allocator and added up from one
  // import to the next (docs/decisions/012-import-jobs.md). Its heap is capped so that V8
  // collects as it goes; a 100,000-row file's rows take under 100 MB of it. Once a server has
  // imported, a fresh process waits for the next task (minThreads 1: some 70 MB beside the
  // server): starting one and loading its database client takes half a second or more, paid twice
  // per import (preview, write) without it.
  const created = new Tinypool({
    filename: bundled ? BUNDLE : SOURCE,
    runtime: "child_process",
    execArgv: [...(bundled ? [] : ["--import", "tsx"]), `--max-old-space-size=${WORKER_HEAP_MB}`],
    // The child gets exactly this environment (the database's address among it).
    env: Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    minThreads: 1,
    maxThreads: 1,
    isolateWorkers: true,
  });
  // A process that dies before it has taken a task (while starting, or waiting) can leave a task
  // queued with no process to run it (tinypool stops starting new ones): that pool is dropped,
  // which fails its queued tasks, and the next import starts a new one.
  created.once("error", (error: unknown) => {
    console.error("roster import process died before taking a task", error);
    if (pool === created) pool = undefined;
    void created.destroy();
  });
  pool = created;
  return created;
}

const written = new Map<string, number>();
const running = new Map<string, Promise<void>>();

/**
 * A task that threw, or whose process died (out of its capped heap), leaves its job as it was:
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

/** Runs a task in the import process; a failure is logged, the job itself records what the admin sees. */
export function dispatchImport(task: ImportTask) {
  // The write's progress comes over the process's channel: it is one transaction, which no other
  // connection can see into.
  const channel = { postMessage: (message: ImportProgress) => written.set(task.jobId, message.written) };
  const done = (importPool().run(task, { channel }) as Promise<void>)
    .catch(async (error: unknown) => {
      console.error(`roster import ${task.jobId} (${task.kind}) failed`, error);
      await failUnfinished(task).catch((failure: unknown) => console.error(`roster import ${task.jobId}: could not mark it failed`, failure));
    })
    .finally(() => {
      written.delete(task.jobId);
      running.delete(task.jobId);
    });
  running.set(task.jobId, done);
}

/** Rows written so far by a job this server is writing (the write is one transaction: only the worker knows). */
export const rowsWrittenSoFar = (jobId: string) => written.get(jobId) ?? null;

/** Resolves when this server's task for the job has finished (tests and the benchmark wait on it). */
export const importSettled = (jobId: string) => running.get(jobId) ?? Promise.resolve();
