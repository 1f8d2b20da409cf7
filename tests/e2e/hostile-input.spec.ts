import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

import { prisma } from "#app/utils/db.server";

import { DEMO_PASSWORD, expect, findUserId, giveDemoPassword, sessionCookieFor, test } from "./fixtures";
import { clientFor, makeWorld, type Role, type World } from "./world";

// Hostile input: every form of every page that posts, filled with malformed data, is answered
// without a 500 and with a message, and leaves the database as it was (text that merely looks
// like SQL or HTML may be a valid message: then it must come back escaped). The forms are read
// from the pages themselves, so a new field or form is attacked without a change here.
const PAGES: { role: Role; url: (world: World) => string }[] = [
  { role: "anonymous", url: () => "/dang-nhap" },
  { role: "anonymous", url: () => "/dang-ky" },
  { role: "anonymous", url: () => "/thiet-lap" },
  { role: "learner", url: () => "/tai-khoan/mat-khau" },
  { role: "learner", url: () => "/co-so" },
  { role: "learner", url: () => "/co-so/danh-gia" },
  { role: "learner", url: () => "/co-so/cam-ket" },
  { role: "learner", url: (w) => `/khoa-hoc/${w.course}/${w.module}` },
  { role: "learner", url: (w) => `/kiem-tra/${w.attemptId}` },
  { role: "wardAdmin", url: (w) => `/quan-tri/bao-cao/${w.wardCode}` },
  { role: "wardAdmin", url: () => "/quan-tri/buoi-hoc/moi" },
  { role: "wardAdmin", url: (w) => `/quan-tri/buoi-hoc/${w.trainingSessionId}` },
  { role: "wardAdmin", url: () => "/quan-tri/danh-sach" },
  { role: "wardAdmin", url: () => "/quan-tri/danh-sach/tai-khoan" },
  { role: "wardAdmin", url: () => "/quan-tri/nguoi-dung/moi" },
  { role: "wardAdmin", url: (w) => `/quan-tri/chung-nhan/${w.applicationId}` },
  { role: "districtAdmin", url: (w) => `/quan-tri/nguoi-dung/${w.learnerId}` },
  // Reopening ward A's frozen half-year report.
  { role: "districtAdmin", url: () => "/quan-tri/bao-cao-ky/2026-6T" },
];

const MEGABYTE = "x".repeat(1024 * 1024);
/** One hostile value per kind; each replaces every field of a form at once. */
const HOSTILE: Record<string, string | string[] | null> = {
  "missing fields": null,
  "empty strings": "",
  "a 1 MB string": MEGABYTE,
  "control characters": "\u0000\u0001\u0007\u001b[31m\u202e\r\n",
  "SQL-looking text": `' OR 1=1; DROP TABLE "User"; --`,
  "HTML-looking text": `<script>alert(1)</script><img src=x onerror=alert(1)>`,
  "arrays where strings are expected": ["một", "hai"],
  "numbers out of range": "-99999999999999999999",
  "not a number": "1e309",
  "a date that does not exist": "2026-02-31",
  "a Vietnamese date that does not exist": "31/02/2026",
};

const STORABLE_TEXT = new Set(["SQL-looking text", "HTML-looking text"]);

type PostForm = { action: string; fields: string[]; fixed: Record<string, string>; multipart: boolean };

/** The forms that post, with their fields; hidden intents are kept so each branch is reached. */
function formsOf(html: string, pageUrl: string): PostForm[] {
  const forms: PostForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes = "", body = ""] = match;
    if (!/method="post"/i.test(attributes)) continue;
    const action = /action="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, "&") || pageUrl;
    const fields = new Set<string>();
    const fixed: Record<string, string> = {};
    for (const control of body.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(control[2] ?? "")?.[1];
      if (!name) continue;
      const value = /value="([^"]*)"/.exec(control[2] ?? "")?.[1];
      if (name === "intent" && value) fixed[name] = value;
      else fields.add(name);
    }
    forms.push({ action, fields: [...fields], fixed, multipart: /multipart\/form-data/.test(attributes) });
  }
  return forms;
}

/** Rows that the world's people could have changed: counted before and after each attack. */
async function fingerprint(world: World) {
  const wards = { unitId: { in: world.wardIds } };
  const people = { userId: { in: world.userIds } };
  const counts = await Promise.all([
    prisma.user.count({ where: wards }),
    prisma.user.aggregate({ where: wards, _max: { updatedAt: true } }).then((result) => result._max.updatedAt?.getTime() ?? 0),
    prisma.rosterEntry.count({ where: wards }),
    prisma.trainingSession.count({ where: wards }),
    prisma.attendance.count({ where: { session: wards } }),
    prisma.declaredHeadcount.count({ where: wards }),
    prisma.organisation.count({ where: wards }),
    prisma.organisation.aggregate({ where: wards, _max: { updatedAt: true } }).then((result) => result._max.updatedAt?.getTime() ?? 0),
    prisma.certificationApplication.count({ where: wards }),
    prisma.certificationApplication.aggregate({ where: wards, _max: { updatedAt: true } }).then((result) => result._max.updatedAt?.getTime() ?? 0),
    prisma.certificationEvent.count({ where: { application: wards } }),
    prisma.inspection.count({ where: { application: wards } }),
    prisma.certificate.count({ where: wards }),
    prisma.certificate.count({ where: { ...wards, revokedAt: { not: null } } }),
    prisma.qualification.count({ where: wards }),
    prisma.moduleProgress.count({ where: people }),
    prisma.quizAttempt.count({ where: { ...people, submittedAt: { not: null } } }),
    prisma.courseCompletion.count({ where: people }),
    prisma.auditEntry.count({ where: { actorId: { in: world.userIds } } }),
    prisma.reportSnapshot.count({ where: wards }),
    prisma.reportReopening.count({ where: { snapshot: wards } }),
  ]);
  return counts.join(",");
}

function body(form: PostForm, value: string | string[] | null) {
  const data = new URLSearchParams(form.fixed);
  if (value !== null) for (const field of form.fields) for (const item of [value].flat()) data.append(field, item);
  return data;
}

/** The page's address as its line above writes it, e.g. "/quan-tri/buoi-hoc/${w.trainingSessionId}". */
function labelOf(url: (world: World) => string) {
  return url
    .toString()
    .replace(/^.*=>\s*/, "")
    .replace(/^[`"]|[`"]$/g, "");
}

let world: Promise<World> | undefined;

async function attack(client: APIRequestContext, form: PostForm, value: string | string[] | null) {
  if (form.multipart) {
    const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = { ...form.fixed };
    for (const field of form.fields) {
      multipart[field] = field === "file" ? { name: "danh-sach.xlsx", mimeType: "text/plain", buffer: Buffer.from([value].flat().join("")) } : [value].flat().join("");
    }
    return client.post(form.action, { multipart });
  }
  return client.post(form.action, { data: body(form, value).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}

for (const page of PAGES) {
  test(`hostile input on every form of ${labelOf(page.url)} (${page.role})`, async ({ baseURL }) => {
    test.setTimeout(120_000);
    world ??= makeWorld();
    const current = await world;
    const client = await clientFor(current, page.role, baseURL!);
    const url = page.url(current);
    const html = await (await client.get(url)).text();
    // Buttons that post nothing but their intent (sign out, mark as read, approve) have no input
    // to spoil; the page's own action is attacked even when it shows no form to this person.
    const found = formsOf(html, url).filter((form) => form.fields.length > 0 && !["/dang-xuat", "/ngon-ngu"].includes(form.action));
    const forms = found.length > 0 ? found : [{ action: url, fields: ["intent", "answer"], fixed: {}, multipart: false }];
    let before = await fingerprint(current);
    for (const form of forms) {
      for (const [kind, value] of Object.entries(HOSTILE)) {
        const response = await attack(client, form, value);
        const label = `${kind} posted to ${form.action} (${form.fixed.intent ?? "form"})`;
        expect(response.status(), label).toBeLessThan(500);
        const text = await response.text();
        expect(text, label).not.toContain("Đã có lỗi xảy ra");
        if (response.status() < 300) expect(text.length, `${label}: an answer with a message`).toBeGreaterThan(0);
        const after = await fingerprint(current);
        if (after === before) continue;
        // Text that only looks like code is a valid message or name: stored as typed, shown escaped.
        expect(STORABLE_TEXT.has(kind), `${label} changed the database`).toBe(true);
        expect(await (await client.get(url)).text(), `${url} after ${label}`).not.toContain("<script>alert(1)</script>");
        before = after;
      }
      // Invalid UTF-8 in the body itself.
      const raw = Buffer.concat([Buffer.from(new URLSearchParams(form.fixed).toString() + "&"), Buffer.from(`${form.fields[0] ?? "x"}=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
      const response = await client.post(form.action, { data: raw, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(response.status(), `invalid UTF-8 posted to ${form.action}`).toBeLessThan(500);
      expect(await fingerprint(current), `the database after invalid UTF-8 posted to ${form.action}`).toBe(before);
    }
    await client.dispose();
  });
}

// Requests that no page of this site sends: each is answered 400 or 405 with the error page (never
// a 500) and writes nothing.
const NOT_A_FORM: { kind: string; method: string; headers: Record<string, string>; body: string }[] = [
  { kind: "a JSON body", method: "POST", headers: { "content-type": "application/json" }, body: `{"intent":"x","phone":"0901000003"}` },
  { kind: "a malformed multipart body", method: "POST", headers: { "content-type": "multipart/form-data; boundary=ranh-gioi" }, body: "--ranh-gioi\r\nkhông phải một phần\r\n" },
  { kind: "a multipart body without a boundary", method: "POST", headers: { "content-type": "multipart/form-data" }, body: "x" },
  { kind: "a body without a type", method: "POST", headers: {}, body: "intent=x" },
  { kind: "a PUT of a form", method: "PUT", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "intent=x&fullName=Nguy%E1%BB%85n" },
  { kind: "a DELETE", method: "DELETE", headers: {}, body: "" },
  { kind: "a PATCH of a form", method: "PATCH", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "intent=x" },
];

// Routes that only take a form and have no page of their own answer in plain text.
const FORM_ONLY: typeof PAGES = [
  { role: "anonymous", url: () => "/ngon-ngu" },
  { role: "wardAdmin", url: () => "/quan-tri/danh-sach/roi-di" },
];

for (const page of [...PAGES, ...FORM_ONLY]) {
  test(`requests no page sends, to ${labelOf(page.url)} (${page.role}), are refused with the error page`, async ({ baseURL }) => {
    world ??= makeWorld();
    const current = await world;
    const client = await clientFor(current, page.role, baseURL!);
    const url = page.url(current);
    const before = await fingerprint(current);
    for (const request of NOT_A_FORM) {
      const response = await client.fetch(url, { method: request.method, headers: request.headers, data: request.body });
      const label = `${request.kind} sent to ${url}`;
      expect([400, 405], label).toContain(response.status());
      const text = await response.text();
      expect(text, label).not.toContain("Đã có lỗi xảy ra");
      if (FORM_ONLY.includes(page)) expect(text, label).toBe("Yêu cầu không hợp lệ. / Bad request.");
      // The roster import answers a broken upload on its own page, with its message.
      else if (url !== "/quan-tri/danh-sach" || request.method !== "POST") expect(text, label).toContain('<section class="error-page"');
      expect(await fingerprint(current), `the database after ${label}`).toBe(before);
    }
    await client.dispose();
  });
}

test("a control character in redirectTo is refused before anything is written, and letters outside Latin-1 are encoded", async ({ baseURL }) => {
  world ??= makeWorld();
  const current = await world;
  const phone = current.phones.learner!;
  await giveDemoPassword(phone);
  const userId = await findUserId(phone);
  const sessions = () => prisma.session.count({ where: { userId } });
  const before = await sessions();
  const anonymous = await clientFor(current, "anonymous", baseURL!);
  const signIn = (redirectTo: string) => anonymous.post("/dang-nhap", { form: { identifier: phone, password: DEMO_PASSWORD, redirectTo } });
  for (const redirectTo of ["/\r\nSet-Cookie: session=x", "/\n", "/\r", "/\u0000", "/khoa-hoc\u0000", "/\t/evil.example", "/\u007f"]) {
    const response = await signIn(redirectTo);
    const label = JSON.stringify(redirectTo);
    expect(response.status(), label).toBe(400);
    expect(await response.text(), label).toContain('<section class="error-page"');
    expect(response.headers()["set-cookie"], label).toBeUndefined();
    expect(await sessions(), `no session row after ${label}`).toBe(before);
  }
  // Characters outside Latin-1 cannot go into a Location header as they are: they are encoded.
  for (const [redirectTo, location] of [
    ["/khoa-hoc?q=Nguyễn", "/khoa-hoc?q=Nguy%E1%BB%85n"],
    ["/ả", "/%E1%BA%A3"],
    ["/\u2028", "/"],
  ] as const) {
    const response = await signIn(redirectTo);
    expect(response.status(), redirectTo).toBe(302);
    expect(response.headers()["location"], redirectTo).toBe(location);
  }

  const language = await anonymous.post("/ngon-ngu", { form: { lang: "en", redirectTo: "/\r\nX-Evil: 1" } });
  expect(language.status()).toBe(400);
  expect(language.headers()["set-cookie"]).toBeUndefined();
  expect((await anonymous.post("/ngon-ngu", { form: { lang: "en", redirectTo: "/chứng-nhận" } })).headers()["location"]).toBe("/ch%E1%BB%A9ng-nh%E1%BA%ADn");
  await anonymous.dispose();

  // "Đã rời đi" on the roster: the entry must still be on it after the refusal.
  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { code: current.wardCode }, select: { id: true } });
  const entry = await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name: "Hộ Thử Rời Đi", searchName: "ho thu roi di" }, select: { id: true } });
  const admin = await clientFor(current, "wardAdmin", baseURL!);
  const left = await admin.post("/quan-tri/danh-sach/roi-di", { form: { entryId: entry.id, redirectTo: "/quan-tri/danh-sach\r\n" } });
  expect(left.status()).toBe(400);
  expect(await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).toEqual({ leftAt: null });
  await admin.dispose();
});

test("a malformed cookie, of this site or planted by another app on the host, breaks no page", async ({ baseURL }) => {
  world ??= makeWorld();
  const current = await world;
  const { name, value } = await sessionCookieFor(current.phones.learner!, baseURL!);
  const session = `${name}=${value}`;
  for (const cookie of ["lang=%ZZ", "session=%ZZ", "khac=%E0%A4%A", "lang=%ZZ; session=%", `lang=%ZZ; ${session}`, `${session};khac=%`]) {
    const client = await playwrightRequest.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: { cookie } });
    for (const path of ["/", "/dang-nhap", "/khoa-hoc"]) {
      expect((await client.get(path)).status(), `${path} with the cookie ${cookie}`).toBeLessThan(400);
    }
    // The session beside the malformed cookie still signs the person in.
    if (cookie.includes(session)) expect(await (await client.get("/khoa-hoc")).text(), cookie).toContain("Chủ Cơ Sở Ma Trận");
    await client.dispose();
  }
});
