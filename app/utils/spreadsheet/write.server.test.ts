import ExcelJS from "exceljs";
import { expect, test } from "vitest";

import { spreadsheetResponse } from "./write.server";

const SHEET = {
  fileName: "bao-cao",
  title: "Báo cáo độ bao phủ",
  facts: [["Kỳ", "2026-6T"]] as [string, string][],
  extractedAtLabel: "Thời điểm trích xuất",
  header: ["Phường", "Số đối tượng", "Tỷ lệ (%)"],
  rows: [["Vạn Phúc", 1234, 37.5]],
};

test("an Excel export keeps figures as numbers, formatted to group thousands and show a rate's decimal", async () => {
  const response = await spreadsheetResponse("xlsx", SHEET);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const row = sheet.getRow(sheet.rowCount);
  expect([row.getCell(2).value, row.getCell(3).value]).toEqual([1234, 37.5]);
  expect([row.getCell(2).numFmt, row.getCell(3).numFmt]).toEqual(["#,##0", "#,##0.0"]);
  // The time of extraction is Hà Nội's, to the minute.
  expect(sheet.getRow(3).getCell(2).value).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
});

test("a CSV export writes figures plainly, for computing and re-importing", async () => {
  const text = await (await spreadsheetResponse("csv", SHEET)).text();
  expect(text).toContain("Vạn Phúc,1234,37.5\r\n");
});
