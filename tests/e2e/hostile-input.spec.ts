import type { APIRequestContext } from "@playwright/test";

import { prisma } from "#app/utils/db.server";

import { expect, test } from "./fixtures";
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
  { role: "wardAdmin", url: (w) => `/quan-tri/buoi-hoc/${w.sessionId}` },
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

/** The page's address as its line above writes it, e.g. "/quan-tri/buoi-hoc/${w.sessionId}". */
function labelOf(url: (world: World) => string) {
  return url.toString().replace(/^.*=>\s*/, "").replace(/^[`"]|[`"]$/g, "");
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
