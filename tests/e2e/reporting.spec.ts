import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { expect, test } from "./fixtures";

/** A city of its own with two wards, an admin for each and one for the city, so that no other test's wards are in scope. */
async function cityOfTwoWards() {
  const suffix = randomInt(100_000, 999_999);
  const cityCode = `TEST-CITY-${suffix}`;
  const city = await prisma.adminUnit.create({
    data: { code: cityCode, name: `Thành phố Chốt Số ${suffix}`, level: "city", path: `/${cityCode}/`, validFrom: new Date("2025-07-01T00:00:00+07:00") },
    select: { id: true, path: true, name: true },
  });
  const ward = (letter: string) =>
    prisma.adminUnit.create({
      data: {
        code: `${cityCode}-${letter}`,
        name: `Phường Chốt Số ${letter}`,
        level: "ward",
        parentId: city.id,
        path: `${city.path}${cityCode}-${letter}/`,
        validFrom: new Date("2025-07-01T00:00:00+07:00"),
      },
      select: { id: true, code: true, name: true },
    });
  const [wardA, wardB] = [await ward("A"), await ward("B")];
  const admin = async (unitId: string, fullName: string, role: string) => {
    const phone = `08${String(randomInt(10_000_000, 99_999_999))}`;
    await prisma.user.create({ data: { fullName, searchName: foldForSearch(fullName), phone: `+84${phone.slice(1)}`, unitId, role }, select: { id: true } });
    return phone;
  };
  const roster = async (unitId: string, names: string[]) => {
    for (const name of names) {
      await prisma.rosterEntry.create({ data: { unitId, targetGroup: "HH", name, searchName: foldForSearch(name), externalId: name }, select: { id: true } });
    }
  };
  await roster(wardA.id, ["Hộ ông Đúng Hạn", "Hộ bà Nhập Muộn"]);
  await roster(wardB.id, ["Hộ ông Phường Bên"]);
  return {
    city,
    wardA,
    wardB,
    wardAdminA: await admin(wardA.id, "Cán Bộ Chốt Số A", "ward_admin"),
    wardAdminB: await admin(wardB.id, "Cán Bộ Chốt Số B", "ward_admin"),
    cityAdmin: await admin(city.id, "Cán Bộ Thành Phố Chốt Số", "district_admin"),
  };
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

test("a ward freezes its half-year; a late attendance shows as an adjustment in the next report while the frozen figures stay; the city sees the late ward, consolidates and downloads the PDF", async ({
  page,
  context,
  signInAs,
}) => {
  test.slow();
  const world = await cityOfTwoWards();
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;

  // Ward A records a March training session with one household present.
  await signInAs(world.wardAdminA);
  await page.goto("/quan-tri/buoi-hoc/moi");
  await page.getByLabel("Ngày tổ chức").fill("2026-03-15");
  await page.getByLabel("Địa điểm").fill("Nhà văn hoá tổ dân phố 1");
  await page.getByLabel("Loại buổi").selectOption({ label: "Tập huấn" });
  await page.getByLabel(course.title).check();
  await page.getByLabel("Người giảng").fill("Cán bộ phường");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("heading", { name: "15/03/2026 · Nhà văn hoá tổ dân phố 1" })).toBeVisible();
  const sessionUrl = page.url();
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("dung han");
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ ông Đúng Hạn" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();

  // The admin's home reminds of the half-year report; the ward freezes it.
  await page.goto("/quan-tri");
  await page.getByRole("link", { name: /Báo cáo kỳ 2026-6T/ }).click();
  const draftRow = page.getByRole("row", { name: /T-COOP-HH/ });
  await expect(draftRow).toContainText("2");
  await page.getByRole("button", { name: "Chốt số liệu kỳ 2026-6T" }).click();
  await expect(page.getByRole("status")).toContainText("Đã chốt số liệu.");
  await page.getByRole("link", { name: "Xem báo cáo" }).click();
  const frozenRow = page.getByRole("table", { name: "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" }).getByRole("row", { name: /T-COOP-HH/ });
  // Population 2, reached 1, rate 50%, target 70%, one household still to reach.
  const frozenCells = frozenRow.getByRole("cell");
  await expect(frozenCells.nth(2)).toHaveText("2");
  await expect(frozenCells.nth(3)).toHaveText("1");
  await expect(frozenCells.nth(4)).toHaveText("50");
  await expect(frozenCells.nth(6)).toHaveText("1");
  const frozenReportUrl = page.url();

  // An attendance dated in March is entered after the freeze.
  await page.goto(sessionUrl);
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("nhap muon");
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ bà Nhập Muộn" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (2 người)" })).toBeVisible();

  // The frozen half-year keeps its figures; the year report lists the late record as an adjustment.
  await page.goto(frozenReportUrl);
  await expect(frozenCells.nth(3)).toHaveText("1");
  await page.goto("/quan-tri/bao-cao-ky/2026-N");
  await expect(
    page
      .getByRole("row", { name: /T-COOP-HH/ })
      .first()
      .getByRole("cell")
      .nth(3),
  ).toHaveText("2");
  const adjustments = page.getByRole("table", { name: "III. ĐIỀU CHỈNH KỲ TRƯỚC" });
  await expect(adjustments.getByRole("row", { name: /T-COOP-HH Hộ bà Nhập Muộn Tham dự buổi tập huấn, truyền thông 15\/03\/2026 \+1/ })).toBeVisible();

  // The city sees ward B late; it cannot consolidate until B has frozen.
  await context.clearCookies();
  await signInAs(world.cityAdmin);
  await page.goto("/quan-tri");
  await expect(page.getByRole("link", { name: /2026-6T \(hạn 15\/07\/2026\): 1 phường quá hạn: Phường Chốt Số B/ })).toBeVisible();
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  await expect(page.getByRole("row", { name: /Phường Chốt Số A/ })).toContainText("Đã chốt");
  await expect(page.getByRole("row", { name: /Phường Chốt Số B/ })).toContainText("Quá hạn");
  await expect(page.getByRole("button", { name: "Tổng hợp và chốt báo cáo chung" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  await context.clearCookies();
  await signInAs(world.wardAdminB);
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  await page.getByRole("button", { name: "Chốt số liệu kỳ 2026-6T" }).click();
  await expect(page.getByRole("status")).toContainText("Đã chốt số liệu.");

  await context.clearCookies();
  await signInAs(world.cityAdmin);
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  await page.getByRole("button", { name: "Tổng hợp và chốt báo cáo chung" }).click();
  await expect(page.getByRole("status")).toContainText("Đã chốt báo cáo tổng hợp.");
  await page.getByRole("link", { name: "Xem báo cáo" }).last().click();
  await expect(page.getByRole("article")).toContainText(world.city.name.toUpperCase());
  await expectNoSeriousAxeViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải bản PDF" }).click();
  const file = await (await download).path();
  const text = execFileSync("pdftotext", ["-layout", file!, "-"], { encoding: "utf8" });
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
  expect(text).toContain("ỦY BAN NHÂN DÂN");
  expect(text).toContain(world.city.name.toUpperCase());
  expect(text).toContain("Số: …/BC-UBND");
  expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
  expect(text).toContain("CHỦ TỊCH");
  // Every indicator's line: the two wards' frozen figures summed (A: 1 of 2 households, B: 0 of 1).
  for (const code of ["T-OFF-D", "T-OFF-W", "T-BIZ", "C-EDU", "C-PAR", "C-CHILD", "C-ORG"]) {
    expect(text).toMatch(new RegExp(`${code}.*\\s\\d+\\s+\\d+\\s+[\\d,]+\\s+\\d+\\s+\\d+\\s`));
  }
  // Figures as Vietnamese write them: a decimal comma.
  expect(text).toMatch(/T-COOP-HH.*\s3\s+1\s+33,3\s+70\s+2\s/);
});

test("only the city reopens a ward's frozen report, with a reason, and a ward admin cannot consolidate", async ({ page, context, signInAs, baseURL }) => {
  const world = await cityOfTwoWards();
  const post = (form: Record<string, string>) => page.request.post("/quan-tri/bao-cao-ky/2026-6T", { form, headers: { Origin: baseURL ?? "" }, maxRedirects: 0 });

  await signInAs(world.wardAdminA);
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  await page.getByRole("button", { name: "Chốt số liệu kỳ 2026-6T" }).click();
  await expect(page.getByRole("status")).toContainText("Đã chốt số liệu.");
  const snapshot = await prisma.reportSnapshot.findFirstOrThrow({ where: { unitId: world.wardA.id }, select: { id: true } });
  expect((await post({ intent: "reopen", snapshotId: snapshot.id, reason: "Tự mở lại" })).status()).toBe(403);
  expect((await post({ intent: "consolidate" })).status()).toBe(403);

  await context.clearCookies();
  await signInAs(world.cityAdmin);
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  const row = page.getByRole("row", { name: /Phường Chốt Số A/ });
  await row.getByRole("button", { name: "Mở lại" }).click();
  await expect(page.getByText("Hãy ghi lý do mở lại (từ 5 đến 500 ký tự).").first()).toBeVisible();
  await row.getByLabel("Lý do mở lại: Phường Chốt Số A").fill("Phường nhập thiếu điểm danh tháng 3");
  await row.getByRole("button", { name: "Mở lại" }).click();
  await expect(page.getByRole("status")).toContainText("Đã mở lại báo cáo của phường");
  await expect(row).toContainText("Quá hạn");

  // The ward freezes again: version 2 beside version 1, which names the reason it was reopened for.
  await context.clearCookies();
  await signInAs(world.wardAdminA);
  await page.goto("/quan-tri/bao-cao-ky/2026-6T");
  await page.getByRole("button", { name: "Chốt số liệu kỳ 2026-6T" }).click();
  await expect(page.getByRole("status")).toContainText("Đã chốt số liệu.");
  await expect(page.getByRole("listitem").filter({ hasText: "Phiên bản 1" })).toContainText("Phường nhập thiếu điểm danh tháng 3");
  await expect(page.getByRole("link", { name: "Phiên bản 2" })).toBeVisible();
});
