import { readdirSync } from "node:fs";

import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";
import { newVerificationCode } from "#app/models/certificate-rules.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWard, DEMO, expect, sessionCookieFor, test } from "./fixtures";

// The permission matrix: every route of app/routes, for every role, answers as this table says.
// A route file without a line here fails the first test, so a new route cannot ship unreviewed.
const ROLES = ["anonymous", "learner", "otherOrganisation", "wardAdmin", "otherWardAdmin", "districtAdmin"] as const;
type Role = (typeof ROLES)[number];
/** 200 page or file; "sign-in" a redirect to the sign-in page; "redirect" any other redirect; 403 or 404 a refusal. */
type Expected = 200 | "sign-in" | "redirect" | 403 | 404;
type Row = { method?: "GET" | "POST"; url: (world: World) => string; expect: Record<Role, Expected> };

const everyone = (expected: Expected): Record<Role, Expected> =>
  Object.fromEntries(ROLES.map((role) => [role, expected])) as Record<Role, Expected>;
const signedIn = (expected: Expected): Record<Role, Expected> => ({ ...everyone(expected), anonymous: "sign-in" });
/** Admin pages: learners refused, both ward admins and the district admin see their own scope. */
const adminPage: Record<Role, Expected> = { ...signedIn(200), learner: 403, otherOrganisation: 403 };
/** Something of ward A: its admin and the district admin, not the other ward's admin. */
const wardAOnly: Record<Role, Expected> = { ...adminPage, otherWardAdmin: 403 };

type World = Awaited<ReturnType<typeof makeWorld>>;

const MATRIX: Record<string, Row> = {
  "_index.tsx": { url: () => "/", expect: everyone(200) },
  // Signed-in people are sent on from the sign-in and sign-up pages.
  "dang-nhap.tsx": { url: () => "/dang-nhap", expect: { ...everyone("redirect"), anonymous: 200 } },
  "dang-ky.tsx": { url: () => "/dang-ky", expect: { ...everyone("redirect"), anonymous: 200 } },
  "thiet-lap.tsx": { url: () => "/thiet-lap", expect: everyone(200) },
  "healthz.tsx": { url: () => "/healthz", expect: everyone(200) },
  "dang-xuat.tsx": { method: "POST", url: () => "/dang-xuat", expect: everyone("redirect") },
  "ngon-ngu.tsx": { method: "POST", url: () => "/ngon-ngu", expect: everyone("redirect") },
  "tai-khoan.mat-khau.tsx": { url: () => "/tai-khoan/mat-khau", expect: signedIn(200) },
  "khoa-hoc._index.tsx": { url: () => "/khoa-hoc", expect: signedIn(200) },
  "khoa-hoc.$course._index.tsx": { url: (w) => `/khoa-hoc/${w.course}`, expect: signedIn(200) },
  "khoa-hoc.$course.$module.tsx": { url: (w) => `/khoa-hoc/${w.course}/${w.module}`, expect: signedIn(200) },
  // Tells anyone signed in what is left before the certificate; the PDF comes only after completion.
  "khoa-hoc.$course.chung-nhan.tsx": { url: (w) => `/khoa-hoc/${w.course}/chung-nhan`, expect: signedIn(200) },
  "kiem-tra.$attemptId.tsx": { url: (w) => `/kiem-tra/${w.attemptId}`, expect: { ...signedIn(404), learner: 200 } },
  "noi-dung.$course.media.$file.tsx": { url: (w) => w.mediaUrl, expect: signedIn(200) },
  "co-so._index.tsx": { url: () => "/co-so", expect: signedIn(200) },
  // Members of an organisation reach its self-assessment and pledge; anyone else is sent to /co-so.
  "co-so.danh-gia.tsx": { url: () => "/co-so/danh-gia", expect: { ...signedIn("redirect"), learner: 200, otherOrganisation: 200 } },
  "co-so.cam-ket.tsx": { url: () => "/co-so/cam-ket", expect: { ...signedIn("redirect"), learner: 200, otherOrganisation: 200 } },
  "co-so.on-tap.tsx": { url: () => "/co-so/on-tap", expect: signedIn(200) },
  "xac-minh._index.tsx": { url: () => "/xac-minh", expect: everyone(200) },
  "xac-minh.$code.tsx": { url: (w) => `/xac-minh/${w.certificateCode}`, expect: everyone(200) },
  "chung-nhan._index.tsx": { url: () => "/chung-nhan", expect: everyone(200) },
  "chung-nhan.$code.pdf.tsx": {
    url: (w) => `/chung-nhan/${w.certificateCode}/pdf`,
    expect: { ...wardAOnly, learner: 200, otherOrganisation: 403 },
  },
  "quan-tri._index.tsx": { url: () => "/quan-tri", expect: { ...signedIn("redirect"), learner: 403, otherOrganisation: 403 } },
  "quan-tri.nguoi-dung._index.tsx": { url: () => "/quan-tri/nguoi-dung", expect: adminPage },
  "quan-tri.nguoi-dung.moi.tsx": { url: () => "/quan-tri/nguoi-dung/moi", expect: adminPage },
  "quan-tri.nguoi-dung.$userId.tsx": { url: (w) => `/quan-tri/nguoi-dung/${w.learnerId}`, expect: wardAOnly },
  "quan-tri.nhat-ky.tsx": { url: () => "/quan-tri/nhat-ky", expect: { ...adminPage, wardAdmin: 403, otherWardAdmin: 403 } },
  "quan-tri.bao-cao._index.tsx": { url: () => "/quan-tri/bao-cao", expect: adminPage },
  "quan-tri.bao-cao.xuat.tsx": { url: () => "/quan-tri/bao-cao/xuat", expect: adminPage },
  "quan-tri.bao-cao.$ward.tsx": { url: (w) => `/quan-tri/bao-cao/${w.wardCode}`, expect: wardAOnly },
  "quan-tri.bao-cao.chi-tieu.$indicator.tsx": { url: () => "/quan-tri/bao-cao/chi-tieu/T-COOP-HH", expect: adminPage },
  "quan-tri.bao-cao.chi-tieu.$indicator.xuat.tsx": { url: () => "/quan-tri/bao-cao/chi-tieu/T-COOP-HH/xuat", expect: adminPage },
  "quan-tri.danh-sach._index.tsx": { url: () => "/quan-tri/danh-sach", expect: adminPage },
  "quan-tri.danh-sach.mau.tsx": { url: () => "/quan-tri/danh-sach/mau", expect: adminPage },
  "quan-tri.danh-sach.xuat.tsx": { url: () => "/quan-tri/danh-sach/xuat", expect: adminPage },
  "quan-tri.danh-sach.tai-khoan.tsx": { url: () => "/quan-tri/danh-sach/tai-khoan", expect: adminPage },
  // An action only: opened by address it sends everyone back to the roster.
  "quan-tri.danh-sach.roi-di.tsx": { url: () => "/quan-tri/danh-sach/roi-di", expect: everyone("redirect") },
  "quan-tri.buoi-hoc._index.tsx": { url: () => "/quan-tri/buoi-hoc", expect: adminPage },
  "quan-tri.buoi-hoc.moi.tsx": { url: () => "/quan-tri/buoi-hoc/moi", expect: adminPage },
  "quan-tri.buoi-hoc.xuat.tsx": { url: () => "/quan-tri/buoi-hoc/xuat", expect: adminPage },
  "quan-tri.buoi-hoc.$sessionId.tsx": { url: (w) => `/quan-tri/buoi-hoc/${w.sessionId}`, expect: wardAOnly },
  "quan-tri.chung-nhan._index.tsx": { url: () => "/quan-tri/chung-nhan", expect: adminPage },
  "quan-tri.chung-nhan.$applicationId.tsx": { url: (w) => `/quan-tri/chung-nhan/${w.applicationId}`, expect: wardAOnly },
};

async function person(unitId: string, fullName: string, role = "learner", organisationId: string | null = null) {
  const phone = `+8477${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
  await prisma.user.create({
    data: { fullName, searchName: foldForSearch(fullName), phone, unitId, role, targetGroup: role === "learner" ? "BIZ" : "OFF-W", organisationId },
    select: { id: true },
  });
  return `0${phone.slice(3)}`;
}

async function makeWorld() {
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
  const attempt = await prisma.quizAttempt.create({
    data: { userId: learner.id, courseSlug: course.slug, moduleSlug: course.modules[0]!.slug, contentVersion: course.modules[0]!.version, layout: "[]" },
    select: { id: true },
  });
  const session = await prisma.trainingSession.create({
    data: { unitId: wardA.id, heldOn: new Date("2026-03-01T00:00:00+07:00"), place: "Nhà văn hoá", kind: "training", courses: "[]", trainer: "Cán bộ", createdById: learner.id },
    select: { id: true },
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
  const mediaFile = readdirSync(`content/courses/${course.dir.split("/").pop()}/media`)[0];
  return {
    phones,
    course: course.slug,
    module: course.modules[0]!.slug,
    mediaUrl: `/noi-dung/${course.slug}/media/${mediaFile}`,
    attemptId: attempt.id,
    sessionId: session.id,
    applicationId: application.id,
    certificateCode: certificate.code,
    learnerId: learner.id,
    wardCode: wardA.code,
  };
}

let world: Promise<World> | undefined;

/** A client of its own per request: signing out (a row of the matrix) must not end the next row's session. */
async function clientFor(role: Role, baseURL: string) {
  const phone = (await world!).phones[role];
  const cookie = phone ? await sessionCookieFor(phone, baseURL) : null;
  return playwrightRequest.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { origin: baseURL, ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}) },
  });
}

function outcome(status: number, location: string | undefined): Expected | number {
  if (status >= 300 && status < 400) return location?.startsWith("/dang-nhap") ? "sign-in" : "redirect";
  return status;
}

test("every route has a line in the permission matrix", () => {
  const routes = readdirSync("app/routes").filter((file) => file.endsWith(".tsx") || file.endsWith(".ts"));
  expect(routes.filter((file) => !(file in MATRIX)), "routes without a line in the matrix").toEqual([]);
  expect(Object.keys(MATRIX).filter((file) => !routes.includes(file)), "lines for routes that no longer exist").toEqual([]);
});

for (const [file, row] of Object.entries(MATRIX)) {
  test(`permissions: ${file}`, async ({ baseURL }) => {
    world ??= makeWorld();
    const url = row.url(await world);
    const answers: Record<string, Expected | number> = {};
    for (const role of ROLES) {
      const client = await clientFor(role, baseURL!);
      const response = row.method === "POST" ? await client.post(url, { form: {} }) : await client.get(url);
      answers[role] = outcome(response.status(), response.headers().location);
      await client.dispose();
    }
    expect(answers, `${row.method ?? "GET"} ${url}`).toEqual(row.expect);
  });
}
