// The import worker: a child process of the server (tinypool, one per task) with its own database
// client, so that reading a file and writing it never run on the server's event loop.
import { prisma } from "#app/utils/db.server";

import { readImport } from "./read.server";
import type { ImportProgress, ImportTask } from "./types";
import { writeImport } from "./write.server";

// A server that dies leaves no import behind: its restart fails the job, and a write still
// running here would only be rolled back at its end.
process.once("disconnect", () => process.exit(1));

// A process waits for its task (pool.server.ts): it opens its database client meanwhile, which
// takes 0.15-0.2 s at a task's first query otherwise (twice per import). A failure here is the
// task's to meet and report.
prisma.$connect().catch(() => undefined);

const report = (written: number) => process.send?.({ written } satisfies ImportProgress);

export default async function run(task: ImportTask) {
  if (task.kind === "read") await readImport(task.jobId);
  else await writeImport(task.jobId, task.rules, report);
}
