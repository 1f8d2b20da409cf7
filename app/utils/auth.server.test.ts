import { beforeAll, describe, expect, test } from "vitest";

import { createDistrict, createUser } from "#tests/fixtures/units";

import { getUser, lucia, requireAdmin, requireUser, startSession } from "./auth.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

function requestWithCookie(cookie: string | null, path = "/quan-tri/nguoi-dung?q=an") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0] ?? "");
  return new Request(`http://localhost${path}`, { headers });
}

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown response");
}

describe("guards", () => {
  test("without a session, a page redirects to sign-in and comes back afterwards", async () => {
    const response = await thrown(requireUser(requestWithCookie(null)));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/dang-nhap?redirectTo=%2Fquan-tri%2Fnguoi-dung%3Fq%3Dan");
  });

  test("a learner gets 403 from an admin guard; an admin passes", async () => {
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const admin = await createUser({ unitId: units.vanPhuc.id, role: "ward_admin" });

    const refused = await thrown(requireAdmin(requestWithCookie(await startSession(learner.id))));
    expect(refused.status).toBe(403);

    const allowed = await requireAdmin(requestWithCookie(await startSession(admin.id)));
    expect(allowed).toMatchObject({ id: admin.id, role: "ward_admin", unitId: units.vanPhuc.id });
  });

  test("the signed-in user carries their unit's path, the scope an administrator sees", async () => {
    const admin = await createUser({ unitId: units.district.id, role: "district_admin" });

    const user = await requireAdmin(requestWithCookie(await startSession(admin.id)));
    expect(user.unitPath).toBe(units.district.path);
  });

  test("a tampered session cookie is treated as signed out", async () => {
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const cookie = await startSession(learner.id);
    const tampered = cookie.replace(/^session=([^;]+)/, (_, id: string) => `session=${id.slice(0, -1)}${id.endsWith("x") ? "y" : "x"}`);

    const response = await thrown(requireUser(requestWithCookie(tampered)));
    expect(response.status).toBe(302);
  });

  test("a malformed cookie beside the session one, or in its place, does not break the page", async () => {
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const session = (await startSession(learner.id)).split(";")[0]!;
    const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

    expect(await getUser(request(`lang=%ZZ; ${session}; other=%E0%A4%A`))).toMatchObject({ id: learner.id });
    expect(await getUser(request(`${session};lang=%ZZ`))).toMatchObject({ id: learner.id });
    expect(await getUser(request("session=%ZZ"))).toBeNull();
    expect(await getUser(request("session=; =%"))).toBeNull();
  });

  test("session cookies are httpOnly and SameSite=Lax", async () => {
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const cookie = await startSession(learner.id);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(lucia.sessionCookieName).toBe("session");
  });
});
