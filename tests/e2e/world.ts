import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";

import { request as playwrightRequest } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";
import { newVerificationCode } from "#app/models/certification/rules.server";
import { recordConsent } from "#app/models/consent.server";
import { addContactEvents } from "#app/models/contact-history.server";
import { optOutTokens } from "#app/models/outbox/opt-out.server";
import { startAttempt } from "#app/models/progress.server";
import { freezeWardReport } from "#app/models/reporting/freeze.server";
import { findReportingPeriod } from "#app/models/reporting/periods.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWard, DEMO, sessionCookieFor } from "./fixtures";

// A world of its own for the route-by-route suites: two new wards, two organisations of ward A
// with one learner each, an admin of each ward, and one of everything a route can be asked about.
export const ROLES = ["anonymous", "learner", "otherOrganisation", "wardAdmin", "otherWardAdmin", "districtAdmin"] as const;
export type Role = (typeof ROLES)[number];
export type World = Awaited<ReturnType<typeof makeWorld>>;

async function person(unitId: string, fullName: string, role = "learner", organisationId: string | null = null) {
  const phone = `+8477${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
  const user = await prisma.user.create({
    data: { fullName, searchName: foldForSearch(fullName), phone, unitId, role, targetGroup: role === "learner" ? "BIZ" : "OFF-W", organisationId, phoneConfirmedAt: new Date() },
    select: { id: true },
  });
  await recordConsent(user.id);
  return `0${phone.slice(3)}`;
}

export async function makeWorld() {
  const [wardA, wardB] = [await createWard("Phường Ma Trận A"), await createWard("Phường Ma Trận B")];
  const organisation = (name: string) =>
    prisma.organisation.create({ data: { kind: "business", name, searchName: foldForSearch(name), unitId: wardA.id }, select: { id: true, name: true } });
  const [ours, theirs] = [await organisation("Công ty Ma Trận Một"), await organisation("Công ty Ma Trận Hai")];
  const phones: Record<Role, string | null> = {
    anonymous: null,
    learner: await person(wardA.id, "Chủ Cơ Sở Ma Trận", "learner", ours.id),
    otherOrganisation: await person(wardA.id, "Chủ Cơ Sở Khác", "learner", theirs.id),
    wardAdmin: await person(wardA.id, "Cán Bộ Ma Trận A", "ward_admin"),
    otherWardAdmin: await person(wardB.id, "Cán Bộ Ma Trận B", "ward_admin"),
    districtAdmin: DEMO.districtAdmin,
  };
  const learner = await prisma.user.findUniqueOrThrow({ where: { phone: `+84${phones.learner!.slice(1)}` }, select: { id: true } });
  const { courses } = await getCatalogue();
  const course = courses[0]!;
  const attempt = await startAttempt(learner.id, course, course.modules[0]!);
  const trainingSession = await prisma.trainingSession.create({
    data: { unitId: wardA.id, heldOn: new Date("2026-03-01T00:00:00+07:00"), place: "Nhà văn hóa", kind: "training", courses: "[]", trainer: "Cán bộ", createdById: learner.id },
    select: { id: true },
  });
  // A household of ward A invited to the session: the reply link's token.
  const household = await prisma.rosterEntry.create({ data: { unitId: wardA.id, targetGroup: "HH", name: "Hộ Ma Trận", searchName: "ho ma tran" }, select: { id: true } });
  const invitation = await prisma.trainingSessionInvitation.create({
    data: { trainingSessionId: trainingSession.id, rosterEntryId: household.id, replyToken: `ma-tran-${randomUUID()}`, channel: "printed", invitedById: learner.id },
    select: { replyToken: true },
  });
  const application = await prisma.certificationApplication.create({
    data: { organisationId: ours.id, unitId: wardA.id, kind: "initial", status: "submitted", createdById: learner.id, submittedById: learner.id, submittedAt: new Date() },
    select: { id: true },
  });
  const issuedAt = new Date();
  const certificate = await prisma.certificate.create({
    data: {
      kind: "organisation",
      code: newVerificationCode(),
      organisationId: ours.id,
      holderName: ours.name,
      holderSearchName: foldForSearch(ours.name),
      unitId: wardA.id,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 365 * 86_400_000),
    },
    select: { code: true },
  });
  // Ward A has frozen its 2026 half-year report; ward B has not.
  const wardAdmin = await prisma.user.findUniqueOrThrow({ where: { phone: `+84${phones.wardAdmin!.slice(1)}` }, select: { id: true } });
  const frozenWard = await prisma.adminUnit.findUniqueOrThrow({ where: { id: wardA.id }, select: { id: true, path: true, code: true, name: true } });
  await freezeWardReport(wardAdmin, frozenWard, findReportingPeriod("2026-6T")!, new Date("2026-07-10T00:00:00+07:00"));
  // The household has been invited once: the not-reached list shows its contact history.
  await prisma.$transaction((tx) =>
    addContactEvents(tx, wardAdmin.id, [household.id], { kind: "invited", note: null, happenedAt: new Date(), trainingSessionId: trainingSession.id }),
  );
  const importJob = await prisma.importJob.create({
    data: { unitId: wardA.id, targetGroup: "HH", createdById: wardAdmin.id, fileName: "ma-tran.csv", fileHash: "0".repeat(64), status: "done", finishedAt: new Date() },
    select: { id: true },
  });
  // A number that was sent a message: its opt-out link.
  const optOutPhone = `+8477${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
  const optOutToken = (await optOutTokens([optOutPhone])).get(optOutPhone)!;
  const children = courses.find((candidate) => candidate.audiences.includes("CHILD"))!;
  const mediaFile = readdirSync(`content/courses/${course.dir.split("/").pop()}/media`)[0];
  return {
    phones,
    course: course.slug,
    module: course.modules[0]!.slug,
    mediaUrl: `/noi-dung/${course.slug}/media/${mediaFile}`,
    /** The children's course, open without an account, and one of its modules. */
    openModule: `${children.slug}/${children.modules[0]!.slug}`,
    attemptId: attempt.id,
    trainingSessionId: trainingSession.id,
    replyToken: invitation.replyToken,
    householdId: household.id,
    optOutToken,
    applicationId: application.id,
    importJobId: importJob.id,
    certificateCode: certificate.code,
    learnerId: learner.id,
    wardCode: wardA.code,
    wardIds: [wardA.id, wardB.id],
    userIds: (await prisma.user.findMany({ where: { unitId: { in: [wardA.id, wardB.id] } }, select: { id: true } })).map((user) => user.id),
  };
}

/**
 * An HTTP client signed in as one of the world's roles (anonymous: no cookie), sending the site's
 * origin and following no redirects. One per request: signing out must not end the next's session.
 */
export async function clientFor(world: World, role: Role, baseURL: string) {
  const phone = world.phones[role];
  const cookie = phone ? await sessionCookieFor(phone, baseURL) : null;
  return playwrightRequest.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { origin: baseURL, ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}) },
  });
}
