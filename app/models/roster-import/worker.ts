// The import worker: a child process of the server (tinypool, one per task) with its own database
// client, so that reading a file and writing it never run on the server's event loop.
import { readImport } from "./read.server";
import type { ImportProgress, ImportTask } from "./types";
import { writeImport } from "./write.server";

// A server that dies leaves no import behind: its restart fails the job, and a write still
// running here would only be rolled back at its end.
process.once("disconnect", () => process.exit(1));

const report = (written: number) => process.send?.({ written } satisfies ImportProgress);

export default async function run(task: ImportTask) {
  if (task.kind === "read") await readImport(task.jobId);
  else await writeImport(task.jobId, task.rules, report);
}
