import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";

import { zipOf } from "#tests/fixtures/zip";

import { readSheet } from "./read.server";

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000, maxUnpackedBytes: 30 * 1024 * 1024 };
const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading a sheet", () => {
  test("a zip bomb named .xlsx is refused as too big before anything is unpacked", async () => {
    // 300 MB of one character packs into a few hundred kilobytes.
    const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(300 * 1024 * 1024, "a"));
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await readSheet(bomb, LIMITS)).toEqual({ ok: false, problem: "tooBig" });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  test("a zip whose directory understates what it unpacks to is refused as too big", async () => {
    const liar = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(300 * 1024 * 1024, "a"), 1_000);
    const before = process.memoryUsage().rss;
    expect(await readSheet(liar, LIMITS)).toEqual({ ok: false, problem: "tooBig" });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  // Writing the 100,000-row workbook takes several seconds of exceljs before the test proper.
  test("an Excel sheet of 100,000 rows is refused as too long before it is loaded", { timeout: 60_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Họ và tên", "Mã"]);
    for (let row = 0; row < 100_000; row++) sheet.addRow([`Hộ số ${row}`, `TD-${row}`]);
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    const before = process.memoryUsage().rss;
    expect(await readSheet(file, LIMITS)).toEqual({ ok: false, problem: "tooManyRows" });
    // Loaded by exceljs, these rows would take some 200 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  test("a file of the wrong kind with the right extension is refused as unreadable", async () => {
    const notAWorkbook = zipOf("ghi-chu.txt", Buffer.from("Đây không phải bảng tính"));
    expect(await readSheet(notAWorkbook, LIMITS)).toEqual({ ok: false, problem: "unreadable" });
    const pdf = bytes("%PDF-1.7\n\u0000\u0001binary");
    expect(await readSheet(pdf, LIMITS)).toEqual({ ok: false, problem: "unreadable" });
  });

  test("the caller's limits decide what is too big or too long", async () => {
    const csv = bytes("Tên,Mã\nA,1\nB,2\nC,3\n");
    expect(await readSheet(csv, { ...LIMITS, maxRows: 2 })).toEqual({ ok: false, problem: "tooManyRows" });
    expect(await readSheet(csv, { ...LIMITS, maxBytes: 10 })).toEqual({ ok: false, problem: "tooBig" });
    expect(await readSheet(csv, { ...LIMITS, maxRows: 3 })).toMatchObject({ ok: true });
  });

  test("a CSV saved by Excel (BOM, semicolons, padded cells) reads as its header and trimmed rows", async () => {
    const csv = bytes("\uFEFFho va ten;so dien thoai\r\n Hộ bà Lan ;+84 912 000 111\r\n\r\nCông ty Dệt;\r\n");
    expect(await readSheet(csv, LIMITS)).toEqual({
      ok: true,
      header: ["ho va ten", "so dien thoai"],
      rows: [
        ["Hộ bà Lan", "+84 912 000 111"],
        ["Công ty Dệt", ""],
      ],
    });
  });

  test("an Excel workbook is read from its first sheet, with a formula kept as its text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    workbook.addWorksheet("Ghi chú").addRow(["không đọc"]);
    sheet.addRow(["Họ và tên", "Số điện thoại"]);
    sheet.addRow(["Hộ ông Sơn", { formula: 'CONCAT("09","12")' }]);
    expect(await readSheet(new Uint8Array(await workbook.xlsx.writeBuffer()), LIMITS)).toEqual({
      ok: true,
      header: ["Họ và tên", "Số điện thoại"],
      rows: [["Hộ ông Sơn", '=CONCAT("09","12")']],
    });
  });

  test("empty, header-only, non-UTF-8 and broken zip files are refused as a whole", async () => {
    expect(await readSheet(new Uint8Array(), LIMITS)).toEqual({ ok: false, problem: "empty" });
    expect(await readSheet(bytes("Tên,Mã\n"), LIMITS)).toEqual({ ok: false, problem: "empty" });
    expect(await readSheet(new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]), LIMITS)).toEqual({ ok: false, problem: "encoding" });
    expect(await readSheet(bytes("PK\u0003\u0004 not really a workbook"), LIMITS)).toEqual({ ok: false, problem: "unreadable" });
  });
});
