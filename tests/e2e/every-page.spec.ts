import { readFileSync } from "node:fs";

import { expect, test } from "./fixtures";
import { MATRIX, rolesAllowed } from "./route-matrix";
import { clientFor, makeWorld, type Role, type World } from "./world";

// Every page of the permission matrix, for the roles that may open it: what a phone on a slow
// network receives (compressed, without stray bytes) and whether it fits a 320 px screen.
let world: Promise<World> | undefined;
const TEXT = /^(text\/|application\/(json|manifest\+json))/;
const NARROW = 320;
/** Whom a page is drawn for at 320 px: the role with the widest header that may open it. */
const LAYOUT_ORDER: Role[] = ["districtAdmin", "wardAdmin", "learner", "otherOrganisation", "otherWardAdmin", "anonymous"];

const pages = Object.entries(MATRIX).filter(([, row]) => row.method !== "POST" && rolesAllowed(row).length > 0);
/** Routes that draw a page (a default export), not resource routes answering with a file. */
const drawn = pages.filter(([file]) => /^export default/m.test(readFileSync(`app/routes/${file}`, "utf8")));

for (const [file, row] of pages) {
  test(`no NUL byte or broken character in ${file}`, async ({ baseURL }) => {
    world ??= makeWorld();
    const url = row.url(await world);
    for (const role of rolesAllowed(row)) {
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

  for (const [file, row] of drawn) {
    test(`${file} does not scroll sideways`, async ({ page, signInAs }) => {
      world ??= makeWorld();
      const current = await world;
      const role = LAYOUT_ORDER.find((candidate) => rolesAllowed(row).includes(candidate))!;
      if (current.phones[role]) await signInAs(current.phones[role]);
      const url = row.url(current);
      await page.goto(url);
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
