import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue } from "#app/content/catalogue.server";
import { renderMessage } from "#app/content/messages.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { enqueueRenewalReminders, enqueueStoppedCourseReminders } from "./reminders.server";

// The test files share one database: each test lives at a moment of its own in the past, so that
// the certificates and progress other tests make today are not due at the moments these run at.
// Five years apart: a renewal made in one test expires a year after the certificate it follows.
let year = 1960;
function momentOfItsOwn() {
  year += 5;
  return new Date(Date.UTC(year, 5, 1));
}
const DAY = 86_400_000;
const daysAfter = (moment: Date, days: number) => new Date(moment.getTime() + days * DAY);

let units: Awaited<ReturnType<typeof createDistrict>>;
beforeAll(async () => {
  units = await createDistrict();
});

const messagesWithKeys = (prefix: string) =>
  prisma.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    select: { idempotencyKey: true, recipientUserId: true, templateKey: true, variables: true },
    orderBy: { createdAt: "asc" },
  });

/** A business of its own, its owner, and a certificate that expires at `expiresAt`. */
async function certifiedBusiness(expiresAt: Date, fields: { revokedAt?: Date; previousId?: string } = {}) {
  const name = `Xưởng Gia Hạn ${randomUUID().slice(0, 6)}`;
  const organisation = await prisma.organisation.create({ data: { kind: "business", name, searchName: foldForSearch(name), unitId: units.vanPhuc.id }, select: { id: true } });
  const owner = await createUser({ unitId: units.vanPhuc.id, fullName: "Chủ Xưởng" });
  await prisma.user.update({ where: { id: owner.id }, data: { organisationId: organisation.id }, select: { id: true } });
  const certificate = await prisma.certificate.create({
    data: {
      kind: "organisation",
      code: `TEST-${randomUUID()}`,
      organisationId: organisation.id,
      holderName: name,
      holderSearchName: foldForSearch(name),
      unitId: units.vanPhuc.id,
      issuedAt: daysAfter(expiresAt, -365),
      expiresAt,
      ...fields,
    },
    select: { id: true, code: true },
  });
  return { organisation, owner, certificate, name };
}

describe("renewal reminders", () => {
  test("a certificate's members are reminded 60, 30 and 7 days before it expires, once each, whatever the number of rounds", async () => {
    const expiresAt = momentOfItsOwn();
    const { organisation, owner, certificate, name } = await certifiedBusiness(expiresAt);
    // A second member gets them too; an erased one does not.
    const partner = await createUser({ unitId: units.vanPhuc.id, fullName: "Người Cùng Làm" });
    const erased = await createUser({ unitId: units.vanPhuc.id, fullName: "Người Đã Xóa" });
    await prisma.user.updateMany({ where: { id: { in: [partner.id, erased.id] } }, data: { organisationId: organisation.id } });
    await prisma.user.update({ where: { id: erased.id }, data: { erasedAt: expiresAt }, select: { id: true } });
    const prefix = `renewal:${certificate.id}:`;

    const sentAfterRoundsAt = async (...daysBefore: number[]) => {
      for (const days of daysBefore) {
        await enqueueRenewalReminders({ now: daysAfter(expiresAt, -days) });
        await enqueueRenewalReminders({ now: daysAfter(expiresAt, -days) });
      }
      return (await messagesWithKeys(prefix)).map((message) => message.idempotencyKey.split(":")[2]);
    };
    expect(await sentAfterRoundsAt(90, 61)).toEqual([]);
    expect((await sentAfterRoundsAt(60, 45)).sort()).toEqual(["60", "60"]);
    expect((await sentAfterRoundsAt(30, 8)).sort()).toEqual(["30", "30", "60", "60"]);
    expect((await sentAfterRoundsAt(7, 0.01, -1)).sort()).toEqual(["30", "30", "60", "60", "7", "7"]);

    const messages = await messagesWithKeys(prefix);
    expect(new Set(messages.map((message) => message.recipientUserId))).toEqual(new Set([owner.id, partner.id]));
    const sevenDays = messages.find((message) => message.idempotencyKey.startsWith(`${prefix}7:`))!;
    expect(sevenDays.templateKey).toBe("certificate-renewal");
    const text = renderMessage(sevenDays.templateKey, "vi", JSON.parse(sevenDays.variables) as Record<string, string>);
    expect(text.subject).toBe(`Giấy chứng nhận của ${name} còn 7 ngày hiệu lực`);
    expect(text.text).toContain(`(mã ${certificate.code}) có giá trị đến hết ngày 31/05/${expiresAt.getUTCFullYear()}`);
    // Eighteen rounds of three queries each: more than the default 5 s on a busy machine.
  }, 20_000);

  test("a certificate first seen with 20 days left gets the 30-day reminder only", async () => {
    const expiresAt = momentOfItsOwn();
    const { certificate } = await certifiedBusiness(expiresAt);
    await enqueueRenewalReminders({ now: daysAfter(expiresAt, -20) });
    expect((await messagesWithKeys(`renewal:${certificate.id}:`)).map((message) => message.idempotencyKey.split(":")[2])).toEqual(["30"]);
  });

  test("revoked, renewed and being-renewed certificates get no reminder", async () => {
    const expiresAt = momentOfItsOwn();
    const revoked = await certifiedBusiness(expiresAt, { revokedAt: daysAfter(expiresAt, -100) });
    const renewed = await certifiedBusiness(expiresAt);
    await prisma.certificate.create({
      data: {
        kind: "organisation",
        code: `TEST-${randomUUID()}`,
        organisationId: renewed.organisation.id,
        holderName: renewed.name,
        holderSearchName: foldForSearch(renewed.name),
        unitId: units.vanPhuc.id,
        issuedAt: expiresAt,
        expiresAt: daysAfter(expiresAt, 365),
        previousId: renewed.certificate.id,
      },
      select: { id: true },
    });
    const beingRenewed = await certifiedBusiness(expiresAt);
    await prisma.certificationApplication.create({
      data: {
        organisationId: beingRenewed.organisation.id,
        unitId: units.vanPhuc.id,
        kind: "renewal",
        renewsId: beingRenewed.certificate.id,
        status: "submitted",
        createdById: beingRenewed.owner.id,
      },
      select: { id: true },
    });
    for (const days of [60, 30, 7]) await enqueueRenewalReminders({ now: daysAfter(expiresAt, -days) });
    for (const { certificate } of [revoked, renewed, beingRenewed]) expect(await messagesWithKeys(`renewal:${certificate.id}:`)).toEqual([]);
  });

  test("a round queues at most its batch at once and the next batch in the same round", async () => {
    const expiresAt = momentOfItsOwn();
    const businesses = [await certifiedBusiness(expiresAt), await certifiedBusiness(expiresAt), await certifiedBusiness(expiresAt)];
    expect(await enqueueRenewalReminders({ now: daysAfter(expiresAt, -7), batch: 2 })).toBe(3);
    for (const { certificate } of businesses) expect(await messagesWithKeys(`renewal:${certificate.id}:7:`)).toHaveLength(1);
  });
});

describe("reminders to come back to a course", () => {
  let course: Awaited<ReturnType<typeof getCatalogue>>["courses"][number];
  beforeAll(async () => {
    course = (await getCatalogue()).courses[0]!;
  });

  /** A learner who read the course's first module at `readAt`. */
  async function learnerWhoRead(readAt: Date) {
    const learner = await createUser({ unitId: units.phuLa.id });
    await prisma.moduleProgress.create({
      data: { userId: learner.id, courseSlug: course.slug, moduleSlug: course.modules[0]!.slug, contentVersion: "v", readAt, createdAt: readAt, updatedAt: readAt },
      select: { id: true },
    });
    return learner;
  }
  const remindersOf = (userId: string) => messagesWithKeys(`stopped:${userId}:`);

  test("a learner who stopped gets one reminder with a link to the course after 14 days, not before, and never again", async () => {
    const readAt = momentOfItsOwn();
    const learner = await learnerWhoRead(readAt);
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 13.9) });
    expect(await remindersOf(learner.id)).toEqual([]);
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 14) });
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 15) });
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 40) });
    const reminders = await remindersOf(learner.id);
    expect(reminders.map((message) => message.idempotencyKey)).toEqual([`stopped:${learner.id}:${course.slug}`]);
    const text = renderMessage("course-stopped", "vi", JSON.parse(reminders[0]!.variables) as Record<string, string>).text;
    expect(text).toMatch(new RegExp(`^Bạn đã bắt đầu khóa học ${course.title} nhưng chưa học xong\\. Học tiếp tại http.*/khoa-hoc/${course.slug}$`));
  });

  test("the number of days is configurable, and a quiz attempt counts as activity", async () => {
    const readAt = momentOfItsOwn();
    const learner = await learnerWhoRead(readAt);
    await prisma.quizAttempt.create({
      data: { userId: learner.id, courseSlug: course.slug, moduleSlug: course.modules[0]!.slug, contentVersion: "v", layout: "[]", startedAt: daysAfter(readAt, 2) },
      select: { id: true },
    });
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 6), stoppedDays: 5 });
    expect(await remindersOf(learner.id)).toEqual([]);
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 7), stoppedDays: 5 });
    expect(await remindersOf(learner.id)).toHaveLength(1);
  });

  test("no reminder after the course is completed, nor to an erased account, nor to somebody who left long before", async () => {
    const readAt = momentOfItsOwn();
    const completed = await learnerWhoRead(readAt);
    await prisma.courseCompletion.create({
      data: { userId: completed.id, courseSlug: course.slug, contentVersion: "v", rule: "online", completedAt: readAt },
      select: { id: true },
    });
    const erased = await learnerWhoRead(readAt);
    await prisma.user.update({ where: { id: erased.id }, data: { erasedAt: daysAfter(readAt, 1) }, select: { id: true } });
    // Gone 14 + 30 days and more when reminders are first run: not chased.
    const longGone = await learnerWhoRead(daysAfter(readAt, -50));
    await enqueueStoppedCourseReminders({ now: daysAfter(readAt, 20) });
    expect(await remindersOf(completed.id)).toEqual([]);
    expect(await remindersOf(erased.id)).toEqual([]);
    expect(await remindersOf(longGone.id)).toEqual([]);
  });
});
