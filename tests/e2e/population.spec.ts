import { randomInt } from "node:crypto";

import type { Page } from "@playwright/test";

import { unitLabelOn } from "#app/i18n/unit-labels";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { DEMO, expect, findUserId, test } from "./fixtures";

const KIEN_HUNG_ADMIN = "0901000007";

/** The household indicator's reached and population on a ward's report page ("87/311"). */
async function households(page: Page, wardCode: string) {
  await page.goto(`/quan-tri/bao-cao/${wardCode}`);
  const text = await page.getByRole("row", { name: /T-COOP-HH/ }).innerText();
  const [, reached, population] = /(\d+)\/(\d+)/.exec(text) ?? [];
  return { reached: Number(reached), population: Number(population) };
}

async function household(unitId: string, name: string, phone: string | null, birthYear: number | null = null) {
  return prisma.rosterEntry.create({
    data: { unitId, targetGroup: "HH", name, searchName: foldForSearch(name), phone: phone && `+84${phone.slice(1)}`, birthYear },
    select: { id: true },
  });
}

test("the Hà Đông admin finds a former Vạn Phúc household on every list, marks her present, and she counts once", async ({ page, signInAs }) => {
  const vanPhuc = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HD-VAN-PHUC" }, select: { id: true } });
  const haDong = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
  const suffix = randomInt(1000, 9999);
  const name = `Hộ bà Lụa Tơ Tằm ${suffix}`;
  const phone = `09${String(randomInt(10_000_000, 99_999_999))}`;
  await household(vanPhuc.id, name, phone);
  // The courses of a demo training session that households attended: they count for households.
  const { courses } = await prisma.trainingSession.findFirstOrThrow({
    where: { kind: "training", attendance: { some: { rosterEntry: { targetGroup: "HH" } } } },
    select: { courses: true },
  });
  const place = `Nhà văn hóa Vạn Phúc ${suffix}`;
  const session = await prisma.trainingSession.create({
    data: { unitId: haDong.id, heldOn: new Date(), place, kind: "training", courses, trainer: "Cán bộ phường", createdById: await findUserId(DEMO.vanPhucAdmin) },
    select: { id: true },
  });

  await signInAs(DEMO.vanPhucAdmin);
  const before = await households(page, "HN-HA-DONG");

  await page.goto("/quan-tri/bao-cao/chi-tieu/T-COOP-HH");
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill(`lua to tam ${suffix}`);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByText(name, { exact: true })).toBeVisible();

  // Her number as she says it, without the trunk zero: the lists search the stored digits.
  await page.goto("/quan-tri/danh-sach");
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill(phone.slice(1));
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Vạn Phúc");

  await page.goto(`/quan-tri/buoi-hoc/${session.id}`);
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill(phone.slice(1));
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.getByRole("button", { name: `Điểm danh ${name}` }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();

  expect(await households(page, "HN-HA-DONG")).toEqual({ reached: before.reached + 1, population: before.population });
});

test("a ward admin merges two entries of one person and the population falls by one", async ({ page, signInAs }) => {
  const kienHung = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-KIEN-HUNG" }, select: { id: true, name: true } });
  // A former ward whose records Kiến Hưng took over (under crosswalk v3, the old ward of the same name):
  // the two entries read apart by the former ward's label, "Kiến Hưng (cũ, đến …)".
  const former = await prisma.unitSuccession.findFirstOrThrow({
    where: { toUnitId: kienHung.id, primary: true, fromUnit: { level: "ward" } },
    select: { fromUnit: { select: { id: true, name: true, validFrom: true, validTo: true } } },
  });
  const formerLabel = unitLabelOn("vi", former.fromUnit, new Date());
  expect(formerLabel).not.toBe(kienHung.name);
  const name = `Hộ ông Hai Lần Ghi ${randomInt(1000, 9999)}`;
  const phone = `09${String(randomInt(10_000_000, 99_999_999))}`;
  await household(former.fromUnit.id, name, phone);
  await household(kienHung.id, name, phone);

  await signInAs(KIEN_HUNG_ADMIN);
  const before = await households(page, "HN-KIEN-HUNG");
  await page.goto("/quan-tri/danh-sach");
  await page.getByRole("link", { name: "Có thể trùng" }).click();
  const pair = page.getByRole("listitem").filter({ hasText: name }).first();
  await pair.getByRole("button", { name: `Gộp, giữ mục của ${name} (${formerLabel})`, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Đã gộp hai mục thành một.");
  await expect(page.getByText(name)).toHaveCount(0);

  expect(await households(page, "HN-KIEN-HUNG")).toEqual({ reached: before.reached, population: before.population - 1 });
  await page.goto(`/quan-tri/danh-sach?q=${phone.slice(1)}`);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
});

test("at a session, a namesake of a former ward born in another year is added as another person, and the roster shows each year", async ({ page, signInAs }) => {
  const vanPhuc = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HD-VAN-PHUC" }, select: { id: true } });
  const haDong = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
  const suffix = randomInt(1000, 9999);
  const name = `Hộ bà Trùng Tên ${suffix}`;
  await household(vanPhuc.id, name, null, 1950);
  const session = await prisma.trainingSession.create({
    data: {
      unitId: haDong.id,
      heldOn: new Date(),
      place: `Nhà văn hóa ${suffix}`,
      kind: "training",
      courses: "[]",
      trainer: "Cán bộ phường",
      createdById: await findUserId(DEMO.vanPhucAdmin),
    },
    select: { id: true },
  });

  await signInAs(DEMO.vanPhucAdmin);
  await page.goto(`/quan-tri/buoi-hoc/${session.id}`);
  await page.getByLabel("Họ và tên hoặc tên tổ chức").fill(name);
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByLabel("Năm sinh (không bắt buộc)").fill("85");
  await page.getByRole("button", { name: "Thêm vào danh sách và điểm danh" }).click();
  await expect(page.locator("#field-birthYear-error")).toContainText("Năm sinh không hợp lệ. Hãy nhập năm có 4 chữ số, từ 1900 đến năm nay, ví dụ 1978.");

  await page.getByLabel("Năm sinh (không bắt buộc)").fill("1985");
  await page.getByRole("button", { name: "Thêm vào danh sách và điểm danh" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Người này có thể đã có trong danh sách" })).toHaveCount(0);

  await page.goto(`/quan-tri/danh-sach?q=${encodeURIComponent(name)}`);
  const entries = page.getByRole("listitem").filter({ hasText: name });
  await expect(entries.filter({ hasText: "Sinh năm 1950" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Sinh năm 1985" })).toHaveCount(1);
});
