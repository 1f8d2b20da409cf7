import { existsSync } from "node:fs";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";

import { Piscina } from "piscina";

import type { ImportTask } from "./types";

// The built server runs the worker bundled by scripts/build-worker.ts; development and the tests
// run its source through tsx.
const BUNDLE = path.resolve("build/roster-import-worker.js");
const SOURCE = path.resolve("app/models/roster-import/worker.ts");

let pool: Piscina | undefined;
function importPool() {
  const bundled = process.env.NODE_ENV === "production" && existsSync(BUNDLE);
  // One import at a time per server: on a 2-core machine a second one would take the other core
  // from the pages. Idle threads close, and with them their database connections.
  pool ??= new Piscina({ filename: bundled ? BUNDLE : SOURCE, execArgv: bundled ? [] : ["--import", "tsx"], minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
  return pool;
}

const written = new Map<string, number>();
const running = new Map<string, Promise<void>>();

/** Runs a task in the import worker; a failure is logged, the job itself records what the admin sees. */
export function dispatchImport(task: ImportTask) {
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (rows: number) => written.set(task.jobId, rows));
  const done = (importPool().run({ ...task, port: port2 }, { transferList: [port2] }) as Promise<void>)
    .catch((error: unknown) => console.error(`roster import ${task.jobId} (${task.kind}) failed`, error))
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
