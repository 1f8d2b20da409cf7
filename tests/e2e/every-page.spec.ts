import { readFileSync } from "node:fs";

import type { Page } from "@playwright/test";

import { expectAccessible } from "./axe";
import { expect, test } from "./fixtures";
import { MATRIX, rolesAllowed } from "./route-matrix";
import { clientFor, makeWorld, type Role, type World } from "./world";

// Every page of the permission matrix, for the roles that may open it: what a phone on a slow
// network receives (compressed, without stray bytes), whether it fits a 320 px screen, and
// whether axe finds it accessible on a phone and on a desktop.
let world: Promise<World> | undefined;
const TEXT = /^(text\/|application\/(json|manifest\+json))/;
const NARROW = 320;
/** Whom a page is drawn for at 320 px: the role with the widest header that may open it. */
const LAYOUT_ORDER: Role[] = ["districtAdmin", "wardAdmin", "learner", "otherOrganisation", "otherWardAdmin", "anonymous"];
/** The kinds of people a page looks different to: an admin, a learner, someone not signed in. */
const KINDS: Role[][] = [["districtAdmin", "wardAdmin", "otherWardAdmin"], ["learner", "otherOrganisation"], ["anonymous"]];

const pages = Object.entries(MATRIX).filter(([, row]) => row.method !== "POST" && rolesAllowed(row).length > 0);
/** Routes that draw a page (a default export), not resource routes answering with a file. */
const drawn = pages.filter(([file]) => /^export default/m.test(readFileSync(`app/routes/${file}`, "utf8")));

type View = { name: string; url: (world: World) => string; roles: Role[] };
/** Pages a route draws from its query, or none at all, that people reach by a link or a mistyped address. */
const STATES: View[] = [
  { name: "the page-not-found page", url: () => "/khong-co-trang-nay", roles: ["anonymous", "learner"] },
  { name: "a verification found by its code", url: (w) => `/xac-minh?ma=${w.certificateCode}`, roles: ["anonymous"] },
  { name: "a ward's not-reached list with a contact history", url: (w) => `/quan-tri/bao-cao/chi-tieu/T-COOP-HH?phuong=${w.wardCode}`, roles: ["wardAdmin"] },
  {
    name: "the not-reached list asking whether a person moved away",
    url: (w) => `/quan-tri/bao-cao/chi-tieu/T-COOP-HH?phuong=${w.wardCode}&chuyen-di=${w.householdId}`,
    roles: ["wardAdmin"],
  },
];
/** Every drawn page once for each kind of person who may open it, and the pages above. */
const views: View[] = [
  ...drawn.map(([file, row]) => {
    const allowed = rolesAllowed(row);
    return { name: file, url: row.url, roles: KINDS.flatMap((kind) => kind.filter((role) => allowed.includes(role)).slice(0, 1)) };
  }),
  ...STATES,
];

/** Opens the page as this role: signed in by a session cookie, or signed out. */
async function openAs(page: Page, signInAs: (phone: string) => Promise<void>, role: Role, url: string) {
  const phone = (await (world ??= makeWorld())).phones[role];
  if (phone) await signInAs(phone);
  await page.goto(url);
}

for (const { name, url: urlOf, roles } of [...pages.map(([file, row]) => ({ name: file, url: row.url, roles: rolesAllowed(row) })), ...STATES]) {
  test(`no NUL byte or broken character in ${name}`, async ({ baseURL }) => {
    world ??= makeWorld();
    const url = urlOf(await world);
    for (const role of roles) {
      const client = await clientFor(await world, role, baseURL!);
      const response = await client.get(url);
      const type = response.headers()["content-type"] ?? "";
      if (TEXT.test(type)) {
        const body = await response.body();
        expect(body.includes(0), `${url} as ${role} holds a NUL byte`).toBe(false);
        expect(body.toString("utf8").includes("\uFFFD"), `${url} as ${role} holds U+FFFD`).toBe(false);
      }
      await client.dispose();
    }
  });
}

test.describe("at 320 px", () => {
  test.use({ viewport: { width: NARROW, height: 640 } });

  for (const view of views) {
    test(`${view.name} does not scroll sideways`, async ({ page, signInAs }) => {
      const url = view.url(await (world ??= makeWorld()));
      const role = LAYOUT_ORDER.find((candidate) => view.roles.includes(candidate))!;
      await openAs(page, signInAs, role, url);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        // The outermost element sticking out, to say where to look when this fails.
        const culprit = [...document.body.querySelectorAll<HTMLElement>("*")].find((element) => {
          const box = element.getBoundingClientRect();
          return box.right > width + 1 && !element.closest(".table-scroll");
        });
        const name = culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className}: ${culprit.textContent?.slice(0, 60)}` : "";
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprit: name };
      });
      expect(overflow.scrollWidth, `${url} as ${role} is wider than the screen (${overflow.culprit})`).toBeLessThanOrEqual(Math.min(overflow.innerWidth, NARROW));
    });
  }
});

for (const width of [360, 1280]) {
  test.describe(`axe at ${width} px`, () => {
    test.use({ viewport: { width, height: width < 640 ? 640 : 800 } });

    for (const view of views) {
      for (const role of view.roles) {
        test(`${view.name} as ${role} has no serious or critical violation`, async ({ page, signInAs }) => {
          // The first test of a worker makes the world, and axe takes seconds on a busy machine.
          test.slow();
          await openAs(page, signInAs, role, view.url(await (world ??= makeWorld())));
          // What the menu, the histories and the record forms hide is checked open, as people open them.
          await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
          await expectAccessible(page);
        });
      }
    }
  });
}

test("pages and scripts travel compressed, and built assets are cached for good", async ({ baseURL }) => {
  world ??= makeWorld();
  const client = await clientFor(await world, "anonymous", baseURL!);
  for (const encoding of ["br", "gzip"]) {
    const home = await client.get("/", { headers: { "accept-encoding": encoding } });
    expect(home.headers()["content-encoding"]).toBe(encoding);
    const script = (await home.text()).match(/\/build\/[\w./-]+\.js/)?.[0];
    expect(script).toBeTruthy();
    const asset = await client.get(script!, { headers: { "accept-encoding": encoding } });
    expect(asset.headers()["content-encoding"]).toBe(encoding);
    expect(asset.headers()["cache-control"]).toContain("immutable");
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  }
  await client.dispose();
});
