import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";

import { parseRosterFile, ROSTER_COLUMNS } from "./roster-file.server";

const HEADER = Object.values(ROSTER_COLUMNS).join(",");
const bytes = (text: string) => new TextEncoder().encode(text);
const xlsx = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());
const refusal = async (input: Uint8Array) => {
  const parsed = await parseRosterFile(input);
  return parsed.ok ? null : parsed.problems;
};

describe("reading a roster file", () => {
  test("every bad row is reported with its row number and column, and nothing is returned to import", async () => {
    const csv = [
      HEADER,
      "Nguyễn Thị Hoa,0912 345 678,,VP-1",
      ",0912 345 679,,VP-2",
      "Trần Văn Bình,12345,,VP-3",
      "Công ty Dệt,,01234,",
      "Hộ ông Sơn,,,",
      "Đỗ Văn Tài,=HYPERLINK(1),,VP-7",
    ].join("\n");
    expect(await refusal(bytes(csv))).toEqual([
      { row: 3, column: "Họ và tên hoặc tên tổ chức", problem: "roster.name.missing" },
      { row: 4, column: "Số điện thoại", problem: "form.phone.invalid" },
      { row: 5, column: "Mã số thuế", problem: "roster.taxCode.invalid" },
      { row: 6, column: "Số điện thoại", problem: "roster.key.missing" },
      { row: 7, column: "Số điện thoại", problem: "roster.cell.formula" },
      { row: 7, column: "Số điện thoại", problem: "form.phone.invalid" },
    ]);
  });

  test("a row repeating an earlier phone, tax code or id is left aside with a note, and the first is kept", async () => {
    const csv = [HEADER, "Hộ bà Lan,0912 345 678,,", "Hộ bà Lan (lần hai),0912345678,,", "Công ty Dệt,,0101234567,", "Công ty Dệt may,,0101234567,"].join("\n");
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 2, name: "Hộ bà Lan" },
        { line: 4, name: "Công ty Dệt" },
      ],
      notes: [
        { row: 3, column: "Số điện thoại", problem: "roster.note.duplicate" },
        { row: 5, column: "Mã số thuế", problem: "roster.note.duplicate" },
      ],
    });
  });

  test("a file for another ward is refused row by row, naming the column; the chosen ward passes, however it is written", async () => {
    const csv = [HEADER, "Hộ bà Lan,0912 000 111,,,Vạn Phúc", "Hộ ông Ba,0912 000 112,,,phuong van phuc", "Hộ ông Tư,0912 000 113,,,Phú La", "Hộ bà Năm,0912 000 114,,,"].join(
      "\n",
    );
    const parsed = await parseRosterFile(bytes(csv), { name: "Vạn Phúc", code: "HD-VAN-PHUC" });
    expect(parsed).toEqual({ ok: false, problems: [{ row: 4, column: "Phường", problem: "roster.ward.other" }] });
  });

  test("a CSV saved by Excel (BOM, semicolons, headers without accents) reads as rows, with unknown columns listed as ignored", async () => {
    const csv = `\uFEFFho va ten hoac ten to chuc;so dien thoai;ma so thue;ma rieng cua phuong;ghi chu\r\nHộ bà Lan;+84 912 000 111;;;\r\nCông ty Dệt;;0101234567-001;;\r\n`;
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 2, name: "Hộ bà Lan", phone: "+84912000111", taxCode: null, externalId: null },
        { line: 3, name: "Công ty Dệt", phone: null, taxCode: "0101234567-001", externalId: null },
      ],
      columns: { ignored: ["ghi chu"] },
      notes: [],
    });
    expect(parsed.ok && parsed.columns.recognised.map(({ column }) => column)).toEqual(["name", "phone", "taxCode", "externalId"]);
  });

  test("CSV in UTF-8 with or without BOM, separated by commas, semicolons or tabs, reads the same", async () => {
    for (const [bom, separator] of [
      ["\uFEFF", ","],
      ["", ","],
      ["", ";"],
      ["\uFEFF", "\t"],
    ] as const) {
      const csv = `${bom}Họ và tên${separator}SĐT\r\nHộ bà Lan${separator}0912 000 111\r\n`;
      const parsed = await parseRosterFile(bytes(csv));
      expect(parsed.ok && parsed.rows, JSON.stringify(separator)).toEqual([{ line: 2, name: "Hộ bà Lan", phone: "+84912000111", taxCode: null, externalId: null }]);
    }
  });

  test("title rows above the header, office synonyms for the columns, Excel's ,,,, lines and blank columns are all read past", async () => {
    const csv = [
      "UBND PHƯỜNG VẠN PHÚC,,,,,",
      "DANH SÁCH HỘ GIA ĐÌNH KINH DOANH,,,,,",
      "Ngày 01/12/2026,,,,,",
      ",,,,,",
      "STT,Họ tên,,Số ĐT,MST,Ghi chú",
      "1,Hộ bà Lan,,0912.000.111,,",
      ",,,,,",
      "2,Hộ ông Sơn,,(091) 200-0112,,",
      ",,,,,",
      ",,,,,",
    ].join("\r\n");
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 6, name: "Hộ bà Lan", phone: "+84912000111" },
        { line: 8, name: "Hộ ông Sơn", phone: "+84912000112" },
      ],
      columns: { ignored: ["STT", "Ghi chú"] },
    });
    expect(parsed.ok && parsed.columns.recognised).toEqual([
      { column: "name", header: "Họ tên" },
      { column: "phone", header: "Số ĐT" },
      { column: "taxCode", header: "MST" },
    ]);
  });

  test("headers match whatever their case, accents, punctuation and line breaks, under each common name", async () => {
    for (const [name, phone] of [
      ["HỌ VÀ TÊN", "Điện thoại"],
      ["Tên hộ", "Di động"],
      ["Tên cơ sở", "Số điện thoại\n(di động)"],
      ["ho-va-ten (*)", "S.Đ.T"],
      ["Họ và tên\nchủ hộ", "Số  ĐT:"],
    ]) {
      const csv = `"${name}","${phone}"\nHộ bà Lan,0912000111\n`;
      const parsed = await parseRosterFile(bytes(csv));
      expect(parsed.ok && parsed.rows.map((row) => row.phone), `${name} / ${phone}`).toEqual(["+84912000111"]);
    }
    expect((await parseRosterFile(bytes(`"Tên cơ sở","Mã số thuế"\nCông ty Dệt,0101234567\n`))).ok).toBe(true);
  });

  test("a year of birth is read under each office name for it; a year that is not four digits from 1900 to this year is refused, naming the column", async () => {
    for (const header of ["Năm sinh", "NS", "Năm sinh (chủ hộ)", "NĂM SINH\nchủ hộ"]) {
      const parsed = await parseRosterFile(bytes(`Họ và tên,Số điện thoại,"${header}"\nHộ bà Lan,0912000111,1962\nHộ ông Ba,0912000112,\n`));
      expect(parsed.ok && parsed.rows.map((row) => row.birthYear ?? null), header).toEqual([1962, null]);
    }
    const nextYear = new Date().getFullYear() + 1;
    const rows = ["Hộ A,0912000111,62", "Hộ B,0912000112,1899", `Hộ C,0912000113,${nextYear}`, "Hộ D,0912000114,năm 1962", "Hộ E,0912000115,1900"];
    expect(await refusal(bytes(["Họ và tên,Số điện thoại,Năm sinh", ...rows].join("\n")))).toEqual(
      [2, 3, 4, 5].map((row) => ({ row, column: "Năm sinh", problem: "form.birthYear.invalid" })),
    );
  });

  test("phones written every way offices write them are read, and what was mended is noted", async () => {
    const csv = [
      "Họ và tên,Số điện thoại",
      "A Một,+84 912 000 001",
      "A Hai,84912000002",
      "A Ba,912000003",
      "A Bốn,0162 345 6789",
      "A Năm,0912 000 005 / 0987 654 321",
      "A Sáu,0912000006; 0988000006",
      "A Bảy,0912-000-007",
      "A Tám,01999 000 008",
    ].join("\n");
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed.ok && parsed.rows.map((row) => row.phone)).toEqual([
      "+84912000001",
      "+84912000002",
      "+84912000003",
      "+84323456789",
      "+84912000005",
      "+84912000006",
      "+84912000007",
      "+84599000008",
    ]);
    expect(parsed.ok && parsed.notes).toEqual([
      { row: 4, column: "Số điện thoại", problem: "roster.note.leadingZero" },
      { row: 5, column: "Số điện thoại", problem: "roster.note.oldPhone" },
      { row: 6, column: "Số điện thoại", problem: "roster.note.secondPhone" },
      { row: 7, column: "Số điện thoại", problem: "roster.note.secondPhone" },
      { row: 9, column: "Số điện thoại", problem: "roster.note.oldPhone" },
    ]);
  });

  test("names are stored clean: composed accents, no invisible characters, one space", async () => {
    const csv = `Họ và tên,SĐT\n"  Nguye\u0302\u0303n\u00A0Thi\u0323  Hoa\u200B ",0912000111\n"Trần\nVăn Bình",0912000112\n`;
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed.ok && parsed.rows.map((row) => row.name)).toEqual(["Nguyễn Thị Hoa", "Trần Văn Bình"]);
  });

  test("files that are not CSV, not UTF-8, empty or without a header are refused as a whole, saying what was expected", async () => {
    expect(await refusal(new Uint8Array())).toEqual([{ row: null, column: null, problem: "roster.file.empty" }]);
    expect(await refusal(bytes(`${HEADER}\n,,,,\n`))).toEqual([{ row: null, column: null, problem: "roster.file.empty" }]);
    expect(await refusal(new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]))).toEqual([{ row: null, column: null, problem: "roster.file.encoding" }]);
    expect(await refusal(bytes("PK\u0003\u0004 not really a workbook"))).toEqual([{ row: null, column: null, problem: "roster.file.notCsv" }]);
    expect(await refusal(bytes("Danh sách,Ghi chú\nA,0912345678\n"))).toEqual([{ row: null, column: null, problem: "roster.header.missing" }]);
    expect(await refusal(bytes("Tiêu đề\nHọ và tên,Địa chỉ\nHộ bà Lan,Số 1\n"))).toEqual([{ row: 2, column: "Số điện thoại", problem: "roster.column.keyMissing" }]);
  });
});

describe("reading a roster workbook", () => {
  test("a title, a two-row merged header and a row of column numbers are read past", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["DANH SÁCH CƠ SỞ SẢN XUẤT, KINH DOANH"]);
    sheet.mergeCells("A1:E1");
    sheet.addRow([]);
    sheet.addRow(["STT", "Tên cơ sở", "Thông tin liên hệ", "", "Ghi chú"]);
    sheet.addRow(["", "", "Điện thoại", "Mã số thuế", ""]);
    sheet.mergeCells("A3:A4");
    sheet.mergeCells("B3:B4");
    sheet.mergeCells("C3:D3");
    sheet.mergeCells("E3:E4");
    sheet.addRow(["(1)", "(2)", "(3)", "(4)", "(5)"]);
    sheet.addRow([1, "Công ty Dệt Vạn Phúc", "0912 000 111", "0101234567", ""]);
    sheet.addRow([2, "Hộ kinh doanh bà Lan", 912000112, "", "số cũ"]);
    const parsed = await parseRosterFile(await xlsx(workbook));
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 6, name: "Công ty Dệt Vạn Phúc", phone: "+84912000111", taxCode: "0101234567" },
        { line: 7, name: "Hộ kinh doanh bà Lan", phone: "+84912000112", taxCode: null },
      ],
      notes: [{ row: 7, column: "Số điện thoại", problem: "roster.note.leadingZero" }],
      columns: { ignored: ["STT", "Ghi chú"] },
    });
  });

  test("a two-row header without a phone column says the phone column was not found, once", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Họ và tên", "Địa chỉ", ""]);
    sheet.addRow(["", "Tổ dân phố", "Số nhà"]);
    sheet.mergeCells("A1:A2");
    sheet.mergeCells("B1:C1");
    for (let row = 0; row < 21; row++) sheet.addRow([`Hộ số ${row}`, "TDP 1", `${row}`]);
    expect(await refusal(await xlsx(workbook))).toEqual([{ row: 2, column: "Số điện thoại", problem: "roster.column.keyMissing" }]);
  });

  test("20 rows of data followed by 25,000 formatted but empty rows and columns import", { timeout: 60_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Họ và tên", "Số điện thoại"]);
    for (let row = 0; row < 20; row++) sheet.addRow([`Hộ số ${row}`, `0912 ${String(row).padStart(6, "0")}`]);
    for (let row = 22; row < 25_022; row++) {
      for (const column of [1, 2, 3, 8]) sheet.getRow(row).getCell(column).border = { bottom: { style: "thin" } };
    }
    const parsed = await parseRosterFile(await xlsx(workbook));
    expect(parsed.ok && parsed.rows.length).toBe(20);
  });

  test("a formula with a cached result gives the result; one without a result, or formula text, is refused", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    workbook.addWorksheet("Ghi chú").addRow(["không đọc"]);
    sheet.addRow(["Họ và tên", "Số điện thoại", "Mã riêng của phường"]);
    sheet.addRow(["Hộ bà Lan", { formula: 'CONCAT("0912","000111")', result: "0912000111" }, { formula: '"VP-"&1', result: "VP-1" }]);
    sheet.addRow(["Hộ ông Sơn", "0912 000 222", "VP-2"]);
    expect(await parseRosterFile(await xlsx(workbook))).toMatchObject({
      ok: true,
      rows: [
        { name: "Hộ bà Lan", phone: "+84912000111", externalId: "VP-1" },
        { name: "Hộ ông Sơn", phone: "+84912000222", externalId: "VP-2" },
      ],
    });

    sheet.getRow(3).getCell(2).value = { formula: 'CONCAT("09","12")' } as ExcelJS.CellFormulaValue;
    sheet.getRow(3).getCell(3).value = "=HYPERLINK(1)";
    expect(await refusal(await xlsx(workbook))).toEqual([
      { row: 3, column: "Số điện thoại", problem: "roster.cell.formula" },
      { row: 3, column: "Mã riêng của phường", problem: "roster.cell.formula" },
      { row: 3, column: "Số điện thoại", problem: "form.phone.invalid" },
    ]);
  });

  test("100,000 rows of CSV and of Excel are all read", { timeout: 120_000 }, async () => {
    const lines = ["Họ và tên,Số điện thoại,Mã riêng của phường"];
    for (let row = 0; row < 100_000; row++) lines.push(`Hộ số ${row},09${String(row).padStart(8, "0")},VP-${row}`);
    const csv = bytes(lines.join("\r\n"));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    for (const line of lines) sheet.addRow(line.split(","));
    const file = await xlsx(workbook);
    for (const input of [csv, file]) {
      const started = performance.now();
      const parsed = await parseRosterFile(input);
      expect(parsed.ok && parsed.rows.length).toBe(100_000);
      console.info(`${input === csv ? "CSV" : "XLSX"}: 100,000 rows parsed in ${Math.round(performance.now() - started)} ms`);
    }
  });
});
