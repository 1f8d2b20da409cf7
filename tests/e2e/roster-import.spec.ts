import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";

import { ROSTER_COLUMNS } from "#app/models/roster-file.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, expect, test } from "./fixtures";

// Issue 14: a roster file is read off the request thread into a preview; nothing is written until
// the admin confirms; the result stays on the job's page and in the import history.
const HEADER = [ROSTER_COLUMNS.name, ROSTER_COLUMNS.phone, ROSTER_COLUMNS.taxCode, ROSTER_COLUMNS.externalId];
// A server runs one import at a time: a job may wait for another test's 100,000-row file.
const WAIT_FOR_JOB = { timeout: 60_000 };

async function workbook(rows: string[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Danh sách");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return { name: "ho-gia-dinh.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await book.xlsx.writeBuffer()) };
}

/** Sends a file of households from the roster page, as a ward admin does. */
async function uploadHouseholds(page: Page, rows: string[][]) {
  await page.goto("/quan-tri/danh-sach");
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByLabel("Tệp danh sách (CSV hoặc Excel)").setInputFiles(await workbook(rows));
  await page.getByRole("button", { name: "Kiểm tra và nhập" }).click();
}

/** A ward whose roster lists Lan, and Sơn marked as left. */
async function wardWithRoster(label: string) {
  const { phone, ward } = await createWardAdmin(`Phường Nhập ${label}`, `Cán Bộ Nhập ${label}`);
  const entry = (name: string, externalId: string, leftAt: Date | null) =>
    prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name, searchName: foldForSearch(name), externalId, leftAt }, select: { id: true } });
  await entry("Hộ bà Lan", `${label}-1`, null);
  await entry("Hộ ông Sơn", `${label}-2`, new Date("2026-01-15T00:00:00+07:00"));
  return { phone, ward };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a ward admin uploads a workbook, sees the preview with a rename and a returning left entry, confirms, and sees the result", async ({ page, signInAs }) => {
      test.setTimeout(120_000);
      const label = javaScriptEnabled ? "JS" : "HTML";
      const { phone, ward } = await wardWithRoster(label);
      await signInAs(phone);
      await uploadHouseholds(page, [
        ["Hộ bà Lan Anh", "", "", `${label}-1`],
        ["Hộ ông Sơn", "", "", `${label}-2`],
        ["Hộ bà Mới", "0911 333 444", "", ""],
      ]);

      await expect(page.getByRole("heading", { name: "Xem trước" })).toBeVisible(WAIT_FOR_JOB);
      await expect(page.getByText("1 mục mới, 1 mục cập nhật, 1 mục không đổi.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Đổi tên (1)" })).toBeVisible();
      await expect(page.getByText("Dòng 2: «Hộ bà Lan» → «Hộ bà Lan Anh»")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Đã rời đi, nay có lại trong tệp (1)" })).toBeVisible();
      await expect(page.getByText("Dòng 3: Hộ ông Sơn (rời đi ngày 15/01/2026)")).toBeVisible();
      // Nothing is written before the confirmation.
      expect(await prisma.rosterEntry.count({ where: { unitId: ward.id } })).toBe(2);

      await page.getByRole("button", { name: "Xác nhận và ghi vào danh sách" }).click();
      const result = page.getByText("Đã nhập xong: 1 mục mới, 1 mục cập nhật, 1 mục không đổi, 0 mục khớp với tài khoản.");
      await expect(result).toBeVisible(WAIT_FOR_JOB);
      if (javaScriptEnabled) await expect(result).toBeFocused();
      await page.reload();
      await expect(result).toBeVisible();

      // The left mark stays (the box was not ticked), and the import is in the ward's history.
      await page.getByRole("link", { name: "Về danh sách đối tượng" }).click();
      await expect(page.getByRole("table", { name: "Các lần nhập gần đây" }).getByRole("row", { name: /ho-gia-dinh\.xlsx.*1 mới, 1 cập nhật/ })).toBeVisible();
      const son = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: ward.id, externalId: `${label}-2` }, select: { leftAt: true } });
      expect(son.leftAt).not.toBeNull();
      expect((await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: ward.id, externalId: `${label}-1` }, select: { name: true } })).name).toBe("Hộ bà Lan Anh");
    });
  });
}

test("a small file written before the page after the confirmation loads still gets its result focused", async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  const { phone, ward } = await wardWithRoster("NHANH");
  await signInAs(phone);
  await uploadHouseholds(page, [["Hộ bà Lan", "", "", "NHANH-1"]]);
  await expect(page.getByRole("heading", { name: "Xem trước" })).toBeVisible(WAIT_FOR_JOB);
  // The confirmation's answer reaches the browser only once the job is written: the page that
  // follows never sees it in progress, as when the import process is quicker than the redirect.
  await page.route("**/quan-tri/danh-sach/nhap/*", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const answer = await route.fetch();
    await expect
      .poll(async () => (await prisma.importJob.findFirst({ where: { unitId: ward.id }, orderBy: { createdAt: "desc" }, select: { status: true } }))?.status, WAIT_FOR_JOB)
      .toBe("done");
    await route.fulfill({ response: answer });
  });
  await page.getByRole("button", { name: "Xác nhận và ghi vào danh sách" }).click();
  const result = page.getByText(/^Đã nhập xong/);
  await expect(result).toBeVisible(WAIT_FOR_JOB);
  await expect(result).toBeFocused();
});

test("ticking the box clears the left mark of an entry that appears again", async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  const { phone, ward } = await wardWithRoster("CLR");
  await signInAs(phone);
  await uploadHouseholds(page, [["Hộ ông Sơn", "", "", "CLR-2"]]);
  await page.getByLabel("Bỏ dấu «Đã rời đi» của các mục này (họ đã quay lại)").check(WAIT_FOR_JOB);
  await page.getByRole("button", { name: "Xác nhận và ghi vào danh sách" }).click();
  await expect(page.getByText(/^Đã nhập xong/)).toBeVisible(WAIT_FOR_JOB);
  expect((await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: ward.id, externalId: "CLR-2" }, select: { leftAt: true } })).leftAt).toBeNull();
});

test("the server answers other pages while a 100,000-row file is being imported", async ({ page, signInAs, baseURL }) => {
  test.setTimeout(120_000);
  const { phone, ward } = await createWardAdmin("Phường Nhập Lớn", "Cán Bộ Nhập Lớn");
  await signInAs(phone);
  const rows = Array.from({ length: 100_000 }, (_, row) => `Hộ số ${row},,,LON-${row}`);
  const uploaded = await page.request.post("/quan-tri/danh-sach?index", {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { unitId: ward.id, targetGroup: "HH", file: { name: "lon.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER.join(",")}\r\n${rows.join("\r\n")}\r\n`) } },
    maxRedirects: 0,
  });
  expect(uploaded.status()).toBe(302);
  const progressUrl = `${uploaded.headers().location}/tien-do`;
  const answeredDuringImport: number[] = [];
  for (;;) {
    const home = await page.request.get("/");
    const lessons = await page.request.get("/khoa-hoc");
    const { status } = (await (await page.request.get(progressUrl)).json()) as { status: string };
    if (status !== "queued" && status !== "reading") break;
    answeredDuringImport.push(home.status(), lessons.status());
  }
  expect(answeredDuringImport.length, "pages answered while the file was read").toBeGreaterThan(0);
  expect(new Set(answeredDuringImport)).toEqual(new Set([200]));
  await expect.poll(async () => ((await (await page.request.get(progressUrl)).json()) as { status: string }).status, WAIT_FOR_JOB).toBe("previewed");
  expect(await prisma.rosterEntry.count({ where: { unitId: ward.id } })).toBe(0);
});
