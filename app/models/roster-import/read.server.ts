import { parseRosterFile, type ParsedRoster, type RosterProblem, type RosterRow } from "#app/models/roster-file.server";
import { eachRow, storedBytes } from "#app/utils/database-driver.server";
import { newId, prisma } from "#app/utils/db.server";
import { formatDate } from "#app/utils/dates";
import { foldForSearch } from "#app/utils/search";

import { rosterDigest, type DigestedEntry } from "./digest.server";
import { insertStagedRows, type StagedRow } from "./staging.server";
import { PREVIEW_LIST_LIMIT, type ImportPreview } from "./types";

type Action = "create" | "update" | "unchanged";
type Planned = RosterRow & { action: Action; entryId: string; leftBefore: boolean };

const short = <T>(items: T[]) => ({ items: items.slice(0, PREVIEW_LIST_LIMIT), total: items.length });

/**
 * Matches each row to the ward and group's roster as the import always has (same external id,
 * else phone, else tax code) and says what writing it would do. Two rows that match one entry
 * by different keys cannot both be written: the file is refused at the second.
 */
export function planRows(rows: RosterRow[], existing: DigestedEntry[]) {
  // New entries' ids: one cuid's time, counter and process blocks, then a count (newId per row,
  // with its random blocks, took seconds per 100,000 rows).
  const idBase = newId().slice(0, 17);
  let created = 0;
  const nextId = () => `${idBase}${(created++).toString(36).padStart(8, "0")}`;
  // One map per key (rather than one keyed "x:…", "p:…"): 300,000 joined strings cost more than the lookups.
  const byKey = { externalId: new Map<string, DigestedEntry>(), phone: new Map<string, DigestedEntry>(), taxCode: new Map<string, DigestedEntry>() };
  const keyed = (entry: DigestedEntry, kept: DigestedEntry, onlyNew: boolean) => {
    for (const key of ["externalId", "phone", "taxCode"] as const) {
      const value = entry[key];
      if (value && !(onlyNew && byKey[key].has(value))) byKey[key].set(value, kept);
    }
  };
  for (const entry of existing) if (!entry.mergedIntoId) keyed(entry, entry, false);
  // An entry merged into another (issue 15) counts nowhere and is never written again: a row
  // matching it by a key no present entry has is the entry it was merged into, or, when that one
  // is on another ward's or group's roster, is left as it is there.
  const byId = new Map(existing.map((entry) => [entry.id, entry]));
  for (const entry of existing) if (entry.mergedIntoId) keyed(entry, byId.get(entry.mergedIntoId) ?? entry, true);
  const claimed = new Set<string>();
  const planned: Planned[] = [];
  const problems: RosterProblem[] = [];
  const renames: ImportPreview["renames"]["items"] = [];
  const returning: ImportPreview["returning"]["items"] = [];
  for (const row of rows) {
    const entry = (row.externalId && byKey.externalId.get(row.externalId)) || (row.phone && byKey.phone.get(row.phone)) || (row.taxCode && byKey.taxCode.get(row.taxCode)) || null;
    // The plan is written onto the file's rows themselves: a copy of 100,000 rows is memory the
    // import may not take (issue 14: 300 MB for the whole import).
    if (!entry) {
      planned.push(Object.assign(row, { action: "create" as const, entryId: nextId(), leftBefore: false }));
      continue;
    }
    if (claimed.has(entry.id)) {
      problems.push({ row: row.line, column: null, problem: "rosterImport.sameEntry" });
      continue;
    }
    claimed.add(entry.id);
    if (entry.mergedIntoId) {
      planned.push(Object.assign(row, { action: "unchanged" as const, entryId: entry.id, leftBefore: false }));
      continue;
    }
    // A file without the year keeps the one the entry has.
    const same =
      entry.name === row.name &&
      entry.phone === row.phone &&
      entry.taxCode === row.taxCode &&
      entry.externalId === row.externalId &&
      (row.birthYear == null || entry.birthYear === row.birthYear);
    if (entry.name !== row.name) renames.push({ line: row.line, from: entry.name, to: row.name });
    if (entry.leftAt) returning.push({ line: row.line, name: row.name, leftAt: formatDate(entry.leftAt) });
    planned.push(Object.assign(row, { action: same ? ("unchanged" as const) : ("update" as const), entryId: entry.id, leftBefore: entry.leftAt !== null }));
  }
  return { planned, problems, renames, returning };
}

async function fail(jobId: string, problems: RosterProblem[]) {
  await prisma.importJob.update({
    where: { id: jobId },
    data: { status: "failed", problems: JSON.stringify(problems.slice(0, 1000)), file: null, finishedAt: new Date() },
    select: { id: true },
  });
}

const staged = (row: Planned): StagedRow => [
  row.line,
  row.action,
  row.entryId,
  row.name,
  foldForSearch(row.name),
  row.phone,
  row.taxCode,
  row.externalId,
  row.leftBefore,
  row.birthYear ?? null,
];

async function stage(jobId: string, planned: Planned[]) {
  await insertStagedRows(jobId, planned, staged, async (count) => {
    await prisma.importJob.update({ where: { id: jobId }, data: { rowsRead: count }, select: { id: true } });
  });
}

/** Phones of the file that another ward's roster already lists, with that ward's name. */
async function phonesOnOtherWards(jobId: string, unitId: string) {
  const rows = await prisma.$queryRaw<{ line: number | bigint; phone: string; ward: string }[]>`
    SELECT s."line" AS "line", s."phone" AS "phone", MIN(u."name") AS "ward"
    FROM "ImportRow" s JOIN "RosterEntry" e ON e."phone" = s."phone" JOIN "AdminUnit" u ON u."id" = e."unitId"
    WHERE s."jobId" = ${jobId} AND e."unitId" <> ${unitId}
    GROUP BY s."line", s."phone" ORDER BY s."line"`;
  return rows.map((row) => ({ line: Number(row.line), phone: row.phone, ward: row.ward }));
}

/**
 * Plans checked rows against the ward and group's roster and stages the plan for the write: the
 * job becomes "previewed" with its counts and lists, or "failed" when two rows match one entry.
 * Nothing on the roster changes here.
 */
export async function previewRows(jobId: string, target: { unitId: string; targetGroup: string }, parsed: ParsedRoster) {
  await prisma.importJob.update({ where: { id: jobId }, data: { rowsTotal: parsed.rows.length }, select: { id: true } });
  const { entries, digest } = await rosterDigest(target.unitId, target.targetGroup);
  const plan = planRows(parsed.rows, entries);
  if (plan.problems.length > 0) {
    await fail(jobId, plan.problems);
    return false;
  }
  await stage(jobId, plan.planned);
  const preview: ImportPreview = {
    columns: parsed.columns,
    notes: short(parsed.notes),
    renames: short(plan.renames),
    returning: short(plan.returning),
    otherWards: short(await phonesOnOtherWards(jobId, target.unitId)),
  };
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const row of plan.planned) counts[row.action === "create" ? "created" : row.action === "update" ? "updated" : "unchanged"]++;
  await prisma.importJob.update({
    where: { id: jobId },
    data: { status: "previewed", ...counts, rosterDigest: digest, preview: JSON.stringify(preview) },
    select: { id: true },
  });
  return true;
}

/** A job's file, read through the driver as startImport stored it (the query builder holds many copies of it). */
async function uploadedFile(jobId: string) {
  const files: Buffer[] = [];
  await eachRow(`SELECT "file" FROM "ImportJob" WHERE "id" = ? AND "file" IS NOT NULL`, [jobId], ([bytes]) => {
    files.push(storedBytes(bytes as Buffer | string));
  });
  return files[0] ?? null;
}

/** Reads a queued job's file (in the import worker) and previews it, or fails it with the file's problems. */
export async function readImport(jobId: string) {
  const { count } = await prisma.importJob.updateMany({ where: { id: jobId, status: "queued" }, data: { status: "reading" } });
  if (count === 0) return;
  const job = await prisma.importJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { unitId: true, targetGroup: true, unit: { select: { name: true, code: true } } },
  });
  let file = await uploadedFile(jobId);
  if (!file) return fail(jobId, [{ row: null, column: null, problem: "roster.file.missing" }]);
  const parsed = await parseRosterFile(file, job.unit);
  // The file's bytes are not needed past its rows.
  file = null;
  if (!parsed.ok) return fail(jobId, parsed.problems);
  await previewRows(jobId, job, parsed);
}
