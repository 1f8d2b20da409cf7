// The import worker: a piscina thread with its own database client (db.server.ts makes one per
// thread), so that reading a file and writing it never run on the server's event loop.
import type { MessagePort } from "node:worker_threads";

import { readImport } from "./read.server";
import type { ImportTask } from "./types";
import { writeImport } from "./write.server";

export default async function run(task: ImportTask & { port: MessagePort }) {
  try {
    if (task.kind === "read") await readImport(task.jobId);
    else await writeImport(task.jobId, task.rules, (written) => task.port.postMessage(written));
  } finally {
    task.port.close();
  }
}
