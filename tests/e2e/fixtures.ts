import { test as base, expect, type Page } from "@playwright/test";

import { randomInt } from "node:crypto";

import type { CatalogueModule } from "#app/content/catalogue.server";
import type { Question } from "#app/content/schemas";
import { recordConsent } from "#app/models/consent.server";
import { optionsOf } from "#app/models/grade.server";
import { hashPassword, startSession } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import type { ReceivedMail, ReceivedSms } from "./fake-gateways";

// The demo accounts seeded into the end-to-end database (prisma/seed.ts).
export const DEMO = {
  districtAdmin: "0901000001",
  vanPhucAdmin: "0901000002",
  householdLearner: "0901000003",
  vanPhucLearner: "0901000004",
  phuLaBusiness: "0901000006",
} as const;
export const DEMO_PASSWORD = "hoc-de-bao-ve-tre";

export async function findUserId(phone: string) {
  const e164 = normalisePhone(phone);
  if (!e164) throw new Error(`not a phone number: ${phone}`);
  return (await prisma.user.findUniqueOrThrow({ where: { phone: e164 }, select: { id: true } })).id;
}

/** A learner of Hà Đông of their own, for a test that must not share progress with another. */
export async function createLearner(fullName: string, targetGroup = "HH") {
  const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
  const phone = `09${String(randomInt(10_000_000, 99_999_999))}`;
  const user = await prisma.user.create({
    data: { fullName, searchName: foldForSearch(fullName), phone: `+84${phone.slice(1)}`, unitId: ward.id, targetGroup, phoneConfirmedAt: new Date() },
    select: { id: true },
  });
  // Signed up as people do now: having agreed to the privacy notice.
  await recordConsent(user.id);
  return phone;
}

/** A session cookie for the user with this phone, made directly in the database. */
export async function sessionCookieFor(phone: string, url: string) {
  const cookie = await startSession(await findUserId(phone));
  const [name = "", value = ""] = (cookie.split(";")[0] ?? "").split("=");
  return { name, value, url, httpOnly: true, sameSite: "Lax" as const };
}

type Fixtures = {
  /** Signs the page in as the user with this phone by creating a session directly. */
  signInAs: (phone: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  signInAs: async ({ context, baseURL }, use) => {
    await use(async (phone) => {
      await context.addCookies([await sessionCookieFor(phone, baseURL ?? "")]);
    });
  },
  page: async ({ page }, use) => {
    // An error in the browser console fails the test; expected 403/404 responses are not errors.
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(page);
    expect(errors, "errors in the browser console").toEqual([]);
  },
});

export { expect };

/** Opens the header's menu, where a screen narrower than 640 px keeps the links and "Đăng xuất". */
export async function openMenu(page: Page) {
  await page.getByText("Danh mục", { exact: true }).click();
}

/** The hotline must be on every page: asserted wherever a test looks at a page. */
export async function expectHelpLines(page: Page) {
  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("link", { name: "111", exact: true })).toBeVisible();
  await expect(footer.getByRole("link", { name: "024 3352 5662" })).toBeVisible();
}

/**
 * A ward of the city that no other test (and no demo data) touches, in force since the
 * reorganisation of 1/7/2025, so that its figures move only by the test that made it.
 */
export async function createWard(name: string) {
  const city = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN" }, select: { id: true, path: true } });
  const code = `HN-TEST-${randomInt(100_000, 999_999)}`;
  return prisma.adminUnit.create({
    data: { code, name, level: "ward", parentId: city.id, path: `${city.path}${code}/`, validFrom: new Date("2025-07-01T00:00:00+07:00") },
    select: { id: true, code: true, name: true },
  });
}

/** A ward admin of a new ward of their own; returns the admin's phone and the ward. */
export async function createWardAdmin(wardName: string, fullName: string) {
  const ward = await createWard(wardName);
  const phone = `08${String(randomInt(10_000_000, 99_999_999))}`;
  await prisma.user.create({
    data: { fullName, searchName: foldForSearch(fullName), phone: `+84${phone.slice(1)}`, unitId: ward.id, role: "ward_admin", phoneConfirmedAt: new Date() },
    select: { id: true },
  });
  return { phone, ward };
}

/**
 * Answers every question the attempt drew, rightly or wrongly, using the answer key on disk; the
 * questions answered, in the order shown.
 */
export async function answerQuiz(page: Page, module: CatalogueModule, how: "right" | "wrong" = "right") {
  await expect(page.getByRole("button", { name: "Nộp bài" })).toBeVisible();
  const questions = page.locator("fieldset.question");
  await expect(questions).toHaveCount(module.quiz.perAttempt);
  const answered: Question[] = [];
  for (let index = 0; index < module.quiz.perAttempt; index++) {
    const fieldset = questions.nth(index);
    const legend = (await fieldset.locator("legend").textContent()) ?? "";
    const question = module.quiz.questions.find((candidate) => legend.endsWith(candidate.prompt));
    if (!question) throw new Error(`question not found: ${legend}`);
    const options = optionsOf(question);
    const pick = how === "right" ? options.filter((option) => option.correct) : [options.find((option) => !option.correct)!];
    for (const option of pick) await fieldset.getByLabel(option.text, { exact: true }).check();
    answered.push(question);
  }
  return answered;
}

/** Gives the account with this phone the demo password, for a test that signs in through the form. */
export async function giveDemoPassword(phone: string) {
  await prisma.user.update({ where: { phone: normalisePhone(phone)! }, data: { passwordHash: await hashPassword(DEMO_PASSWORD) }, select: { id: true } });
}

/** Every text message the server handed to the suite's SMS gateway (tests/e2e/fake-gateways.ts), duplicates included. */
export async function smsReceived(): Promise<ReceivedSms[]> {
  return (await fetch(`${process.env.FAKE_GATEWAYS_URL}/sms`)).json() as Promise<ReceivedSms[]>;
}

/** Every e-mail that reached the suite's SMTP server (tests/e2e/fake-gateways.ts). */
export async function mailReceived(): Promise<ReceivedMail[]> {
  return (await fetch(`${process.env.FAKE_GATEWAYS_URL}/mail`)).json() as Promise<ReceivedMail[]>;
}
