// Reminders the outbox sends without anybody deciding anything (issue 22): certificates about to
// expire, and courses begun and left. A timer finds who is due (entry.server.tsx, every hour) and
// `npm run reminders` does one round by hand. Each reminder's idempotency key is also how a round
// knows it was already sent: the queries leave out whoever has a message with that key, so a round
// with nothing due reads few rows and writes none, and two servers running a round at once send
// each reminder once (the key is unique in the outbox).
import { getCatalogue } from "#app/content/catalogue.server";
import { Prisma } from "#app/generated/prisma/client";
import { formatDate } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { publicUrl, reminderConfig } from "#app/utils/env.server";

import { lastValidDay } from "./certification/rules.server";
import { OPEN_STATUSES } from "./certification/terms.server";
import { enqueueMessages } from "./outbox/enqueue.server";
import type { MessageInput } from "./outbox/types";

const DAY = 86_400_000;

/** Days before a certificate expires on which its organisation's members are reminded, longest first. */
export const RENEWAL_REMINDER_DAYS = [60, 30, 7] as const;

/**
 * A learner who left a course longer ago than this past the reminder's day is not reminded: on
 * the first round after reminders are switched on, or after a long stop of the servers, people
 * who left a course months ago would otherwise all get a message at once.
 */
const STOPPED_WINDOW_DAYS = 30;

/** Reminders queued in one transaction; a round queues at most BATCH * MAX_BATCHES of each kind, the rest next round. */
const BATCH = 500;
const MAX_BATCHES = 20;

type Round = { now?: Date; batch?: number };

/**
 * Queues the renewal reminders due now: a message to each member of the organisation when its
 * certificate has 60, then 30, then 7 days left, keyed `renewal:<certificate>:<days>:<member>`.
 * A certificate only gets the reminder of the interval it is in: one that already has 20 days left
 * when first seen gets the 30-day reminder, not also the 60-day one. Revoked certificates, and
 * those renewed (a certificate follows it) or being renewed (an open renewal application), get none.
 */
export async function enqueueRenewalReminders({ now = new Date(), batch = BATCH }: Round = {}) {
  let queued = 0;
  for (const [index, days] of RENEWAL_REMINDER_DAYS.entries()) {
    const after = new Date(now.getTime() + (RENEWAL_REMINDER_DAYS[index + 1] ?? 0) * DAY);
    const until = new Date(now.getTime() + days * DAY);
    queued += await inBatches(async () => {
      const due = await prisma.$queryRaw<{ certificateId: string; code: string; expiresAt: Date | string; unitId: string; organisation: string; userId: string }[]>`
        SELECT c."id" AS "certificateId", c."code", c."expiresAt", c."unitId", o."name" AS "organisation", u."id" AS "userId"
        FROM "Certificate" c
        JOIN "Organisation" o ON o."id" = c."organisationId"
        JOIN "User" u ON u."organisationId" = c."organisationId" AND u."erasedAt" IS NULL
        WHERE c."kind" = 'organisation' AND c."revokedAt" IS NULL AND c."expiresAt" > ${after} AND c."expiresAt" <= ${until}
          AND NOT EXISTS (SELECT 1 FROM "Certificate" n WHERE n."previousId" = c."id")
          AND NOT EXISTS (
            SELECT 1 FROM "CertificationApplication" a
            WHERE a."renewsId" = c."id" AND a."status" IN (${Prisma.join([...OPEN_STATUSES, "submitted"])})
          )
          AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" m WHERE m."idempotencyKey" = 'renewal:' || c."id" || ${`:${days}:`} || u."id")
        ORDER BY c."expiresAt"
        LIMIT ${batch}`;
      return due.map((row) => ({
        recipientUserId: row.userId,
        template: "certificate-renewal",
        variables: { organisation: row.organisation, code: row.code, until: formatDate(lastValidDay(new Date(row.expiresAt))), days, url: `${publicUrl}/co-so` },
        idempotencyKey: `renewal:${row.certificateId}:${days}:${row.userId}`,
        unitId: row.unitId,
      }));
    }, batch);
  }
  return queued;
}

/**
 * Queues one reminder per learner and course begun and left: progress in the course, no
 * completion, and no reading, quiz or progress for `stoppedDays` (REMINDER_STOPPED_DAYS), keyed
 * `stopped:<user>:<course>` so that it is sent once, ever. Erased accounts get none.
 */
export async function enqueueStoppedCourseReminders({
  now = new Date(),
  batch = BATCH,
  stoppedDays = reminderConfig.REMINDER_STOPPED_DAYS,
}: Round & { stoppedDays?: number } = {}) {
  const { courses } = await getCatalogue();
  if (courses.length === 0) return 0;
  const titles = new Map(courses.map((course) => [course.slug, course.title]));
  const cutoff = new Date(now.getTime() - stoppedDays * DAY);
  const oldest = new Date(cutoff.getTime() - STOPPED_WINDOW_DAYS * DAY);
  return inBatches(async () => {
    // Rows older than the window are left out before grouping (a cheap comparison), so only the
    // learners who left in the window are checked against completions, attempts and the outbox.
    const due = await prisma.$queryRaw<{ userId: string; courseSlug: string; unitId: string }[]>`
      SELECT p."userId", p."courseSlug", u."unitId"
      FROM "ModuleProgress" p
      JOIN "User" u ON u."id" = p."userId" AND u."erasedAt" IS NULL
      WHERE p."updatedAt" > ${oldest} AND p."courseSlug" IN (${Prisma.join([...titles.keys()])})
      GROUP BY p."userId", p."courseSlug", u."unitId"
      HAVING MAX(p."updatedAt") <= ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM "CourseCompletion" c WHERE c."userId" = p."userId" AND c."courseSlug" = p."courseSlug")
        AND NOT EXISTS (
          SELECT 1 FROM "QuizAttempt" a
          WHERE a."userId" = p."userId" AND a."courseSlug" = p."courseSlug" AND (a."startedAt" > ${cutoff} OR a."submittedAt" > ${cutoff})
        )
        AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" m WHERE m."idempotencyKey" = 'stopped:' || p."userId" || ':' || p."courseSlug")
      LIMIT ${batch}`;
    return due.map((row) => ({
      recipientUserId: row.userId,
      template: "course-stopped",
      variables: { course: titles.get(row.courseSlug)!, url: `${publicUrl}/khoa-hoc/${row.courseSlug}` },
      idempotencyKey: `stopped:${row.userId}:${row.courseSlug}`,
      unitId: row.unitId,
    }));
  }, batch);
}

/** One round of every kind of reminder: how many were queued. */
export async function enqueueDueReminders(round: Round = {}) {
  return { renewal: await enqueueRenewalReminders(round), stopped: await enqueueStoppedCourseReminders(round) };
}

/**
 * Queues what `findDue` finds until it finds less than a batch, at most MAX_BATCHES times. A batch
 * that queued nothing ends the round too: whoever it found cannot be reached (enqueue skips them),
 * and would be found again and again.
 */
async function inBatches(findDue: () => Promise<MessageInput[]>, batch: number) {
  let queued = 0;
  for (let round = 0; round < MAX_BATCHES; round++) {
    const due = await findDue();
    const queuedNow = due.length === 0 ? 0 : await prisma.$transaction((tx) => enqueueMessages(tx, due));
    queued += queuedNow;
    if (due.length < batch || queuedNow === 0) break;
  }
  return queued;
}

const HOUR = 60 * 60 * 1000;
// Not while the server is starting: the lessons are being prerendered then.
const FIRST_ROUND_DELAY_MS = 60 * 1000;

/** The server's reminders: a round a minute after start, then every hour. */
export function startReminders(intervalMs = HOUR) {
  const round = () => enqueueDueReminders().catch((error: unknown) => console.error("reminders round failed", error));
  const first = setTimeout(round, FIRST_ROUND_DELAY_MS).unref();
  const timer = setInterval(round, intervalMs).unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
