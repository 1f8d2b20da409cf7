import { periodAt } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/models/audit.server";
import type { RosterProblem } from "#app/models/roster-file.server";
import { newId, prisma } from "#app/utils/db.server";
import { monthOf } from "#app/utils/dates";

import { rosterDigest } from "./digest.server";
import type { QualificationRules } from "./types";

// Lines per statement: each INSERT … SELECT / UPDATE … FROM covers this many lines of the file,
// so that progress can be told between statements of the one transaction.
const LINES_PER_STATEMENT = 10_000;
const QUALIFICATION_CHUNK = 500;

type Tx = Prisma.TransactionClient;
export type WriteProgress = (written: number) => void;

class RosterChanged extends Error {}

// The account an entry belongs to: the one whose confirmed phone it lists (an unconfirmed phone
// may be somebody else's sign-up), looked up as the row is written.
const matchedUser = Prisma.sql`(SELECT u."id" FROM "User" u WHERE u."phone" = s."phone" AND u."phoneConfirmedAt" IS NOT NULL)`;

async function writeRows(tx: Tx, job: { id: string; unitId: string; targetGroup: string; rowsTotal: number }, progress: WriteProgress) {
  const now = new Date();
  const [{ last } = { last: 0 }] = await tx.$queryRaw<{ last: number | bigint | null }[]>`SELECT MAX("line") AS "last" FROM "ImportRow" WHERE "jobId" = ${job.id}`;
  for (let from = 0; from <= Number(last ?? 0); from += LINES_PER_STATEMENT) {
    const to = from + LINES_PER_STATEMENT;
    await tx.$executeRaw`
      INSERT INTO "RosterEntry" ("id", "unitId", "targetGroup", "name", "searchName", "phone", "taxCode", "externalId", "birthYear", "userId", "createdAt", "updatedAt")
      SELECT s."entryId", ${job.unitId}, ${job.targetGroup}, s."name", s."searchName", s."phone", s."taxCode", s."externalId", s."birthYear", ${matchedUser}, ${now}, ${now}
      FROM "ImportRow" s WHERE s."jobId" = ${job.id} AND s."action" = 'create' AND s."line" >= ${from} AND s."line" < ${to}`;
    await tx.$executeRaw`
      UPDATE "RosterEntry" SET "name" = s."name", "searchName" = s."searchName", "phone" = s."phone", "taxCode" = s."taxCode", "externalId" = s."externalId",
        "birthYear" = COALESCE(s."birthYear", "RosterEntry"."birthYear"), "userId" = ${matchedUser}, "updatedAt" = ${now}
      FROM "ImportRow" s WHERE s."jobId" = ${job.id} AND s."action" = 'update' AND s."line" >= ${from} AND s."line" < ${to} AND "RosterEntry"."id" = s."entryId"`;
    progress(Math.min(job.rowsTotal, to));
  }
}

/** Entries that appear again lose their "left" mark, and their qualifications count again. */
async function clearLeftMarks(tx: Tx, jobId: string) {
  const returning = Prisma.sql`SELECT "entryId" FROM "ImportRow" WHERE "jobId" = ${jobId} AND "leftBefore" = TRUE`;
  await tx.$executeRaw`UPDATE "RosterEntry" SET "leftAt" = NULL WHERE "id" IN (${returning})`;
  await tx.$executeRaw`UPDATE "Qualification" SET "leftAt" = NULL WHERE "rosterEntryId" IN (${returning})`;
}

/**
 * The qualifications of every written entry matched to an account, from the courses its person
 * has completed, first time in a period only (as recordQualifications does one user at a time).
 */
async function qualifyMatched(tx: Tx, jobId: string, rules: QualificationRules) {
  const completions = await tx.$queryRaw<{ entryId: string; unitId: string; leftAt: Date | string | null; courseSlug: string; completedAt: Date | string }[]>`
    SELECT e."id" AS "entryId", e."unitId" AS "unitId", e."leftAt" AS "leftAt", c."courseSlug" AS "courseSlug", c."completedAt" AS "completedAt"
    FROM "ImportRow" s JOIN "RosterEntry" e ON e."id" = s."entryId" JOIN "CourseCompletion" c ON c."userId" = e."userId"
    WHERE s."jobId" = ${jobId} AND s."action" <> 'unchanged'`;
  const now = new Date();
  const rows = completions.flatMap((completion) => {
    const qualifiedAt = new Date(completion.completedAt);
    const leftAt = completion.leftAt === null ? null : new Date(completion.leftAt);
    return (rules.indicatorsByCourse[completion.courseSlug] ?? []).map(
      (indicator) =>
        Prisma.sql`(${newId()}, ${indicator}, ${completion.entryId}, ${completion.unitId}, ${qualifiedAt}, ${periodAt(qualifiedAt).code}, ${monthOf(qualifiedAt)}, 'online', ${leftAt}, ${now})`,
    );
  });
  for (let start = 0; start < rows.length; start += QUALIFICATION_CHUNK) {
    await tx.$executeRaw`
      INSERT INTO "Qualification" ("id", "indicator", "rosterEntryId", "unitId", "qualifiedAt", "period", "month", "source", "leftAt", "createdAt")
      VALUES ${Prisma.join(rows.slice(start, start + QUALIFICATION_CHUNK))}
      ON CONFLICT ("indicator", "rosterEntryId", "period") DO NOTHING`;
  }
}

async function countMatched(tx: Tx, jobId: string) {
  const [{ matched } = { matched: 0 }] = await tx.$queryRaw<{ matched: number | bigint }[]>`
    SELECT COUNT(DISTINCT e."userId") AS "matched" FROM "ImportRow" s JOIN "RosterEntry" e ON e."id" = s."entryId"
    WHERE s."jobId" = ${jobId} AND e."userId" IS NOT NULL`;
  return Number(matched);
}

/**
 * Writes a confirmed job's staged rows in one transaction: new entries with one INSERT … SELECT
 * and changed ones with one UPDATE … FROM per 10,000 lines, then the qualifications of matched
 * accounts, the audit entry and the job's result. Every row is written or none: a roster changed
 * since the preview, a job no longer "writing" (swept as interrupted) or any error rolls it all back.
 */
export async function writeImport(jobId: string, rules: QualificationRules, progress: WriteProgress = () => {}) {
  try {
    await prisma.$transaction(
      async (tx) => {
        const job = await tx.importJob.findUniqueOrThrow({
          where: { id: jobId },
          select: {
            id: true,
            unitId: true,
            targetGroup: true,
            rowsTotal: true,
            rosterDigest: true,
            clearLeft: true,
            createdById: true,
            created: true,
            updated: true,
            fileName: true,
          },
        });
        const { digest } = await rosterDigest(job.unitId, job.targetGroup, false);
        if (digest !== job.rosterDigest) throw new RosterChanged();
        await writeRows(tx, job, progress);
        if (job.clearLeft) await clearLeftMarks(tx, jobId);
        await qualifyMatched(tx, jobId, rules);
        const matched = await countMatched(tx, jobId);
        await tx.importRow.deleteMany({ where: { jobId } });
        await audit(tx, {
          actorId: job.createdById,
          action: "roster.import",
          targetType: "unit",
          targetId: job.unitId,
          details: { targetGroup: job.targetGroup, fileName: job.fileName, created: job.created, updated: job.updated, matched, job: jobId },
        });
        const { count } = await tx.importJob.updateMany({
          where: { id: jobId, status: "writing" },
          data: { status: "done", matched, rowsWritten: job.rowsTotal, file: null, finishedAt: new Date() },
        });
        if (count === 0) throw new Error(`import ${jobId} is no longer being written`);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    const problem: RosterProblem = { row: null, column: null, problem: error instanceof RosterChanged ? "rosterImport.rosterChanged" : "rosterImport.writeFailed" };
    await prisma.importRow.deleteMany({ where: { jobId } });
    await prisma.importJob.updateMany({
      where: { id: jobId, status: "writing" },
      data: { status: "failed", problems: JSON.stringify([problem]), file: null, finishedAt: new Date() },
    });
    if (!(error instanceof RosterChanged)) throw error;
  }
}
