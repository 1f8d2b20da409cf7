import { randomInt } from "node:crypto";

import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, DEMO, expect, sessionCookieFor, test } from "./fixtures";

// Privacy of exports (issue 7, item 6): the permission matrix proves who may download each export;
// this reads the rows. Two wards hold a household and a session each, named alike; each ward's admin
// gets only their own, even when searching for both or asking for the other ward, and the district
// admin gets both.
test("every export holds only the rows of the downloader's scope", async ({ playwright, baseURL }) => {
  const marker = `Xuất ${randomInt(100_000, 999_999)}`;
  const wards = {
    A: await createWardAdmin(`Phường ${marker} A`, `Cán Bộ ${marker} A`),
    B: await createWardAdmin(`Phường ${marker} B`, `Cán Bộ ${marker} B`),
  };
  for (const [letter, { phone, ward }] of Object.entries(wards)) {
    const admin = await prisma.user.findUniqueOrThrow({ where: { phone: `+84${phone.slice(1)}` }, select: { id: true } });
    const household = `Hộ ${marker} ${letter}`;
    await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name: household, searchName: foldForSearch(household) }, select: { id: true } });
    await prisma.trainingSession.create({
      data: {
        unitId: ward.id,
        heldOn: new Date("2026-04-02T00:00:00+07:00"),
        place: `Nhà văn hóa ${marker} ${letter}`,
        kind: "training",
        courses: "[]",
        trainer: "Cán bộ",
        createdById: admin.id,
      },
      select: { id: true },
    });
  }
  const search = encodeURIComponent(marker);
  const exportsFor = (otherWardId: string) => [
    `/quan-tri/danh-sach/xuat?q=${search}`,
    `/quan-tri/bao-cao/chi-tieu/T-COOP-HH/xuat?q=${search}&phuong=${otherWardId}`,
    `/quan-tri/buoi-hoc/xuat`,
    `/quan-tri/bao-cao/xuat`,
  ];
  const download = async (phone: string, url: string) => {
    const cookie = await sessionCookieFor(phone, baseURL!);
    const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
    const response = await client.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const body = await response.text();
    await client.dispose();
    return body;
  };
  // Each export names the ward on every row: the households and sessions are named after it too.
  const rowsOf = (csv: string, letter: string) => csv.split("\n").filter((line) => line.includes(`${marker} ${letter}`));

  let rowsRead = 0;
  for (const [own, other] of [
    ["A", "B"],
    ["B", "A"],
  ] as const) {
    for (const url of exportsFor(wards[other].ward.id)) {
      const csv = await download(wards[own].phone, url);
      expect(rowsOf(csv, own).length, `${own}'s admin, ${url}: own rows`).toBeGreaterThan(0);
      expect(rowsOf(csv, other), `${own}'s admin, ${url}: rows of ward ${other}`).toEqual([]);
      rowsRead += rowsOf(csv, own).length;
    }
  }
  for (const url of exportsFor("")) {
    const csv = await download(DEMO.districtAdmin, url);
    for (const letter of ["A", "B"]) expect(rowsOf(csv, letter).length, `district admin, ${url}: rows of ward ${letter}`).toBeGreaterThan(0);
  }
  expect(rowsRead).toBeGreaterThanOrEqual(8);
});
