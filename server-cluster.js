// WEB_CONCURRENCY > 1: this process serves nothing itself; it starts that many server processes
// (the rest of server.js) on one port and one database, replaces one that dies, and stops them
// all on SIGTERM or SIGINT. See docs/decisions/010-request-cpu.md.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";

/** Resolves never: the process ends when its workers have stopped, or when one cannot start. */
export function runCluster(workers, log) {
  // Names this start's workers for the roster import's sweep (app/models/roster-import/runner.server.ts):
  // a replacement fails the jobs of the workers that are gone, never a live sibling's.
  const group = randomUUID();
  // Workers run server.js itself, also when `npm start` (scripts/start.js) imported it.
  cluster.setupPrimary({ exec: fileURLToPath(new URL("./server.js", import.meta.url)) });
  const gone = [];
  const alive = new Set();
  const listening = new Set();
  let stopping = false;
  let announced = false;

  function fork() {
    const worker = cluster.fork({ SERVER_GROUP_ID: group, SERVER_WORKERS_GONE: gone.join(",") });
    alive.add(worker.id);
    worker.once("listening", () => {
      listening.add(worker.id);
      if (announced || listening.size < workers) return;
      announced = true;
      log("info", "listening", { url: `http://localhost:${process.env.PORT ?? 3000}`, workers, pid: process.pid });
    });
  }

  function exitWhenAllStopped() {
    if (alive.size > 0) return;
    log("info", "stopped", { pid: process.pid });
    process.exit();
  }

  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker.id);
    const started = listening.delete(worker.id);
    if (stopping) return exitWhenAllStopped();
    log("error", "worker exited", { worker: worker.id, pid: worker.process.pid, code, signal });
    // A worker that never listened met something a new one would meet too (broken content, no database).
    if (!started) {
      process.exitCode = 1;
      return stopAll();
    }
    gone.push(worker.id);
    fork();
  });

  function stopAll() {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    exitWhenAllStopped();
  }
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);

  for (let index = 0; index < workers; index++) fork();
  return new Promise(() => {});
}
