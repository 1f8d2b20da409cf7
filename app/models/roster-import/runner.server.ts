import cluster from "node:cluster";
import { randomUUID } from "node:crypto";

/**
 * Which server processes are alive, as far as roster imports go: an import job records the process
 * reading or writing it (`runner`), and at start a process fails only the jobs of processes that
 * are gone. One server process is a group of its own. With WEB_CONCURRENCY > 1, server.js starts a
 * group of workers on one port and names the group and the workers that have exited since it began
 * (a worker that crashed is replaced, and its replacement fails what the crashed one was running,
 * never a sibling's job in progress).
 */
export type Runners = { group: string; worker: number | null; gone: ReadonlySet<number> };

export function runnersOfThisProcess(env = process.env): Runners {
  if (!cluster.isWorker || !env.SERVER_GROUP_ID) return { group: randomUUID(), worker: null, gone: new Set() };
  const gone = new Set((env.SERVER_WORKERS_GONE ?? "").split(",").filter(Boolean).map(Number));
  return { group: env.SERVER_GROUP_ID, worker: cluster.worker!.id, gone };
}

export function runnerName({ group, worker }: Runners) {
  return worker === null ? group : `${group}:${worker}`;
}

/** Whether the process a job names may still be running it. */
export function isAlive(runner: string | null, runners: Runners) {
  if (runner === null) return false;
  if (runners.worker === null) return runner === runners.group;
  const [group, worker] = runner.split(":");
  return group === runners.group && worker !== undefined && !runners.gone.has(Number(worker));
}

export const thisProcess = runnersOfThisProcess();
