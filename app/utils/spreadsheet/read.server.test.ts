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

  test("formatted but empty rows do not count against the limit; rows with something in them do", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Họ và tên", "Mã"]);
    sheet.addRow(["Hộ số 1", "TD-1"]);
    for (let row = 3; row < 1_003; row++) sheet.getRow(row).getCell(1).border = { bottom: { style: "thin" } };
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readSheet(file, { ...LIMITS, maxRows: 2 })).toMatchObject({ ok: true, rows: [{ line: 1 }, { line: 2 }] });
    expect(await readSheet(file, { ...LIMITS, maxRows: 1 })).toEqual({ ok: false, problem: "tooManyRows" });
  });

  test("a file of the wrong kind with the right extension is refused as unreadable", async () => {
    const notAWorkbook = zipOf("ghi-chu.txt", Buffer.from("Đây không phải bảng tính"));
    expect(await readSheet(notAWorkbook, LIMITS)).toEqual({ ok: false, problem: "unreadable" });
    const pdf = bytes("%PDF-1.7\n\u0000\u0001binary");
    expect(await readSheet(pdf, LIMITS)).toEqual({ ok: false, problem: "unreadable" });
  });

  test("the caller's limits decide what is too big or too long", async () => {
    const csv = bytes("Tên,Mã\nA,1\nB,2\nC,3\n");
    expect(await readSheet(csv, { ...LIMITS, maxRows: 3 })).toEqual({ ok: false, problem: "tooManyRows" });
    expect(await readSheet(csv, { ...LIMITS, maxBytes: 10 })).toEqual({ ok: false, problem: "tooBig" });
    expect(await readSheet(csv, { ...LIMITS, maxRows: 4 })).toMatchObject({ ok: true });
  });

  test("a CSV saved by Excel (BOM, semicolons, padded cells, quoted line breaks) reads as its rows with their line numbers", async () => {
    const csv = bytes('\uFEFFho va ten;so dien thoai\r\n Hộ bà Lan ;+84 912 000 111\r\n\r\n"Công ty\r\nDệt ""Mới""";\r\n;;\r\nHộ ông Sơn;1');
    expect(await readSheet(csv, LIMITS)).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ["ho va ten", "so dien thoai"] },
        { line: 2, cells: ["Hộ bà Lan", "+84 912 000 111"] },
        { line: 4, cells: ['Công ty Dệt "Mới"', ""] },
        { line: 7, cells: ["Hộ ông Sơn", "1"] },
      ],
    });
  });

  test("an Excel workbook is read from its first sheet, with a formula without a cached result kept as its text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    workbook.addWorksheet("Ghi chú").addRow(["không đọc"]);
    sheet.addRow(["Họ và tên", "Số điện thoại"]);
    sheet.addRow(["Hộ ông Sơn", { formula: 'CONCAT("09","12")' }]);
    expect(await readSheet(new Uint8Array(await workbook.xlsx.writeBuffer()), LIMITS)).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ["Họ và tên", "Số điện thoại"] },
        { line: 2, cells: ["Hộ ông Sơn", '=CONCAT("09","12")'] },
      ],
    });
  });

  test("a worksheet written by other programs (prefixed elements, attributes on new lines, inline strings, no cell references) reads the same", async () => {
    const sheet = [
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>',
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Họ &amp; tên</x:t></x:is></x:c><x:c r="C2" t="inlineStr"><x:is><x:r><x:t>Số </x:t></x:r><x:r><x:t xml:space="preserve">điện thoại</x:t></x:r></x:is></x:c></x:row>',
      '<x:row\n r="3"\n ht="15"><x:c\n\tr="A3"\n\tt="inlineStr"><x:is><x:t>Hộ bà &#7844;n_x000D_</x:t></x:is></x:c><x:c r="C3"><x:v>912000111</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c></x:row>',
      '<x:row r="4"/><x:row r="5"><x:c r="A5"/></x:row>',
      '<x:row><x:c t="inlineStr"><x:is><x:t>Hộ ông Sơn</x:t></x:is></x:c><x:c/><x:c><x:f>B1*2</x:f><x:v>42</x:v></x:c></x:row>',
      "</x:sheetData></x:worksheet>",
    ].join("");
    expect(await readSheet(zipOf("xl/worksheets/sheet1.xml", Buffer.from(sheet)), LIMITS)).toEqual({
      ok: true,
      rows: [
        { line: 2, cells: ["Họ & tên", "", "Số điện thoại"] },
        { line: 3, cells: ["Hộ bà Ấn", "", "912000111", "TRUE"] },
        { line: 6, cells: ["Hộ ông Sơn", "", "42"] },
      ],
    });
  });

  test("empty, blank-only, non-UTF-8 and broken zip files are refused as a whole", async () => {
    expect(await readSheet(new Uint8Array(), LIMITS)).toEqual({ ok: false, problem: "empty" });
    expect(await readSheet(bytes(",,\n , \n"), LIMITS)).toEqual({ ok: false, problem: "empty" });
    expect(await readSheet(new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]), LIMITS)).toEqual({ ok: false, problem: "encoding" });
    expect(await readSheet(bytes("PK\u0003\u0004 not really a workbook"), LIMITS)).toEqual({ ok: false, problem: "unreadable" });
  });
});
