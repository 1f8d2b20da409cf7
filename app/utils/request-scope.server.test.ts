import { afterEach, expect, test, vi } from "vitest";

import { createDistrict, createUser } from "#tests/fixtures/units";

import { getUser, lucia, startSession } from "./auth.server";
import { prisma } from "./db.server";
import { runInRequestScope } from "./request-scope.server";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Two loaders of one page: Remix gives each a Request object of its own, with the same cookie. */
async function loadersOfOnePage() {
  const { vanPhuc } = await createDistrict();
  const user = await createUser({ unitId: vanPhuc.id });
  const cookie = (await startSession(user.id)).split(";")[0]!;
  const request = () => new Request("http://localhost/khoa-hoc", { headers: { cookie } });
  return { user, rootLoader: request(), routeLoader: request() };
}

test("all the loaders of one request share one session lookup", async () => {
  const { user, rootLoader, routeLoader } = await loadersOfOnePage();
  // Each validation is one read of the session and its user (readRows: the driver on SQLite, Prisma on PostgreSQL).
  const lookups = vi.spyOn(lucia, "validateSession");

  const users = await runInRequestScope(() => Promise.all([getUser(rootLoader), getUser(routeLoader)]));
  expect(users.map((signedIn) => signedIn?.id)).toEqual([user.id, user.id]);
  expect(lookups).toHaveBeenCalledTimes(1);
});

test("each request looks its session up afresh: signing out elsewhere takes effect at once", async () => {
  const { rootLoader, routeLoader } = await loadersOfOnePage();
  expect(await runInRequestScope(() => getUser(rootLoader))).not.toBeNull();
  await prisma.session.deleteMany({ where: { id: (rootLoader.headers.get("cookie") ?? "").split("=")[1] } });
  expect(await runInRequestScope(() => getUser(routeLoader))).toBeNull();
});
