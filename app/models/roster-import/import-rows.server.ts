import type { RosterRow } from "#app/models/roster-file.server";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { previewRows } from "./read.server";
import { qualificationRules } from "./rules.server";
import { runnerName, thisProcess } from "./runner.server";
import { writeImport } from "./write.server";

/**
 * Imports checked rows into one ward and group at once, in this thread, through the same plan,
 * staging table and set-based write as an uploaded file (the demo seed and the tests use it).
 * An entry marked left keeps its mark unless `clearLeft`.
 */
export async function importRoster(admin: AdminUser, target: { unitId: string; targetGroup: string }, rows: Omit<RosterRow, "line">[], options = { clearLeft: false }) {
  const job = await prisma.importJob.create({
    data: { ...target, createdById: admin.id, fileName: "", fileHash: "", status: "reading", runner: runnerName(thisProcess) },
    select: { id: true },
  });
  const parsed = { ok: true as const, rows: rows.map((row, index) => ({ ...row, line: index + 2 })), columns: { recognised: [], ignored: [] }, notes: [] };
  if (!(await previewRows(job.id, target, parsed))) throw new Error("two rows match one roster entry");
  await prisma.importJob.update({ where: { id: job.id }, data: { status: "writing", clearLeft: options.clearLeft }, select: { id: true } });
  await writeImport(job.id, await qualificationRules(target.targetGroup));
  const done = await prisma.importJob.findUniqueOrThrow({
    where: { id: job.id },
    select: { status: true, created: true, updated: true, unchanged: true, matched: true, problems: true },
  });
  if (done.status !== "done") throw new Error(`roster import failed: ${done.problems}`);
  return { created: done.created, updated: done.updated, unchanged: done.unchanged, matched: done.matched };
}
