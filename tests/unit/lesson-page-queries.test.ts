import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, expect, test, vi } from "vitest";

import type * as Catalogue from "#app/content/catalogue.server";
import type * as TargetGroups from "#app/content/target-groups.server";
import type { PrismaClient } from "#app/generated/prisma/client";
import type * as Progress from "#app/models/progress.server";
import type * as Root from "#app/root";
import type * as LessonRoute from "#app/routes/khoa-hoc.$course.$module";
import type * as Auth from "#app/utils/auth.server";
import type * as RequestScope from "#app/utils/request-scope.server";
import { createDistrict, createUser } from "#tests/fixtures/units";

// Issue 21: a signed-in lesson page (the root loader and the lesson's) reads the database by
// hand-written SQL only; each query-builder call costs about 1 ms of CPU on the one event loop.
// Every model operation of the app's client is counted: the client on globalThis is swapped for a
// counting one before the app's modules are loaded afresh (db.server.ts reuses the one it finds).
const modelCalls: string[] = [];
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
let base: PrismaClient;

type App = {
  root: typeof Root;
  lesson: typeof LessonRoute;
  auth: typeof Auth;
  scope: typeof RequestScope;
  progress: typeof Progress;
  catalogue: typeof Catalogue;
  groups: typeof TargetGroups;
};
let app: App;

beforeAll(async () => {
  ({ prisma: base } = await import("#app/utils/db.server"));
  globalForPrisma.prisma = base.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          modelCalls.push(`${model}.${operation}`);
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
  vi.resetModules();
  app = {
    root: await import("#app/root"),
    lesson: await import("#app/routes/khoa-hoc.$course.$module"),
    auth: await import("#app/utils/auth.server"),
    scope: await import("#app/utils/request-scope.server"),
    progress: await import("#app/models/progress.server"),
    catalogue: await import("#app/content/catalogue.server"),
    groups: await import("#app/content/target-groups.server"),
  };
}, 120_000);

afterAll(() => {
  globalForPrisma.prisma = base;
});

async function signedInLearner(fields: { targetGroup?: string } = {}) {
  const { vanPhuc } = await createDistrict();
  const user = await createUser({ unitId: vanPhuc.id, ...fields });
  const cookie = (await app.auth.startSession(user.id)).split(";")[0]!;
  return { user, cookie };
}

async function accountCourse() {
  const { courses } = await app.catalogue.getCatalogue();
  const course = courses.find((candidate) => !app.groups.isOpenCourse(candidate));
  if (!course?.modules[0]) throw new Error("the catalogue has no course for account holders");
  return { course, module: course.modules[0] };
}

/** One document request for the lesson: the root loader and the lesson's, in one request scope, as server.js runs them. */
async function loadLessonPage(cookie: string, course: string, module: string) {
  const url = `http://localhost/khoa-hoc/${course}/${module}`;
  const args = () => ({ request: new Request(url, { headers: { cookie } }), params: { course, module }, context: { isDataRequest: false } as AppLoadContext });
  modelCalls.length = 0;
  const [root, lesson] = await app.scope.runInRequestScope(() => Promise.all([app.root.loader(args()), app.lesson.loader(args())]));
  return { calls: [...modelCalls], root: await root.json(), lesson };
}

test("a learner's lesson page shows their progress and header without one query-builder call", async () => {
  const { user, cookie } = await signedInLearner();
  const { course, module } = await accountCourse();
  await app.progress.markModuleRead(user.id, course, module);

  const page = await loadLessonPage(cookie, course.slug, module.slug);
  expect(page.root.user).toEqual({ fullName: user.fullName, role: "learner", organisation: false });
  expect(page.lesson).toMatchObject({ anonymous: false, read: true, passed: false });
  expect(page.calls).toEqual([]);
}, 120_000);

test("the header offers organisation certification to a member as of this request, still without the query builder", async () => {
  const { user, cookie } = await signedInLearner();
  const { course, module } = await accountCourse();
  expect((await loadLessonPage(cookie, course.slug, module.slug)).root.user?.organisation).toBe(false);

  const organisation = await base.organisation.create({ data: { kind: "household", name: "Hộ Thử", searchName: "ho thu", unitId: user.unitId }, select: { id: true } });
  await base.user.update({ where: { id: user.id }, data: { organisationId: organisation.id }, select: { id: true } });

  const page = await loadLessonPage(cookie, course.slug, module.slug);
  expect(page.root.user?.organisation).toBe(true);
  expect(page.calls).toEqual([]);
}, 120_000);

test("a business owner is offered it from their group alone", async () => {
  const { cookie } = await signedInLearner({ targetGroup: "BIZ" });
  const { course, module } = await accountCourse();
  expect((await loadLessonPage(cookie, course.slug, module.slug)).root.user?.organisation).toBe(true);
}, 120_000);

test("a session in the second half of its life is extended by the lesson page, by hand-written SQL", async () => {
  const { user, cookie } = await signedInLearner();
  const { course, module } = await accountCourse();
  const sessionId = cookie.split("=")[1]!;
  const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  await base.session.update({ where: { id: sessionId }, data: { expiresAt: soon }, select: { id: true } });

  const page = await loadLessonPage(cookie, course.slug, module.slug);
  expect(page.root.user?.fullName).toBe(user.fullName);
  expect(page.calls).toEqual([]);
  const { expiresAt } = await base.session.findUniqueOrThrow({ where: { id: sessionId }, select: { expiresAt: true } });
  expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
}, 120_000);

test("an expired session is removed and the lesson sends the learner to sign in", async () => {
  const { cookie } = await signedInLearner();
  const { course, module } = await accountCourse();
  const sessionId = cookie.split("=")[1]!;
  await base.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) }, select: { id: true } });

  const thrown = await loadLessonPage(cookie, course.slug, module.slug).catch((error: unknown) => error);
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).headers.get("Location")).toMatch(/^\/dang-nhap\?redirectTo=/);
  expect(await base.session.findUnique({ where: { id: sessionId }, select: { id: true } })).toBeNull();
}, 120_000);
