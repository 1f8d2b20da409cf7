import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { parseRosterFile, ROSTER_COLUMNS } from "./roster-file.server";
import { scopeOn } from "./scope.server";
import { importRoster, markRosterEntryLeft } from "./roster.server";

const HEADER = Object.values(ROSTER_COLUMNS).join(",");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading a roster file", () => {
  test("every bad row is reported with its row number and column, and nothing is returned to import", async () => {
    const csv = [
      HEADER,
      "Nguyễn Thị Hoa,0912 345 678,,VP-1",
      ",0912 345 679,,VP-2",
      "Trần Văn Bình,12345,,VP-3",
      "Công ty Dệt,,01234,",
      "Lê Thị Cúc,0912 345 678,,VP-5",
      "Hộ ông Sơn,,,",
      "Đỗ Văn Tài,=HYPERLINK(1),,VP-7",
    ].join("\n");
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { row: 3, column: "Họ và tên hoặc tên tổ chức", problem: "roster.name.missing" },
      { row: 4, column: "Số điện thoại", problem: "form.phone.invalid" },
      { row: 5, column: "Mã số thuế", problem: "roster.taxCode.invalid" },
      { row: 6, column: "Số điện thoại", problem: "roster.duplicate" },
      { row: 7, column: "Số điện thoại", problem: "roster.key.missing" },
      { row: 8, column: "Số điện thoại", problem: "roster.cell.formula" },
      { row: 8, column: "Số điện thoại", problem: "form.phone.invalid" },
    ]);
  });

  test("a file for another ward is refused row by row, naming the column; the chosen ward passes, however it is written", async () => {
    const csv = [HEADER, "Hộ bà Lan,0912 000 111,,,Vạn Phúc", "Hộ ông Ba,0912 000 112,,,phuong van phuc", "Hộ ông Tư,0912 000 113,,,Phú La", "Hộ bà Năm,0912 000 114,,,"].join(
      "\n",
    );
    const parsed = await parseRosterFile(bytes(csv), { name: "Vạn Phúc", code: "HD-VAN-PHUC" });
    expect(parsed).toEqual({ ok: false, problems: [{ row: 4, column: "Phường", problem: "roster.ward.other" }] });
  });

  test("a clean file saved by Excel (BOM, semicolons, headers without accents) reads as rows", async () => {
    const csv = `\uFEFFho va ten hoac ten to chuc;so dien thoai;ma so thue;ma rieng cua phuong;ghi chu\r\nHộ bà Lan;+84 912 000 111;;;\r\nCông ty Dệt;;0101234567-001;;\r\n`;
    const parsed = await parseRosterFile(bytes(csv));
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 2, name: "Hộ bà Lan", phone: "+84912000111", taxCode: null, externalId: null },
        { line: 3, name: "Công ty Dệt", phone: null, taxCode: "0101234567-001", externalId: null },
      ],
      columns: { ignored: ["ghi chu"] },
    });
    expect(parsed.ok && parsed.columns.recognised.map(({ column }) => column)).toEqual(["name", "phone", "taxCode", "externalId"]);
  });

  test("files that are not CSV, not UTF-8, empty or without the name column are refused as a whole", async () => {
    const refusal = async (input: Uint8Array) => {
      const parsed = await parseRosterFile(input);
      return parsed.ok ? null : parsed.problems[0]?.problem;
    };
    expect(await refusal(new Uint8Array())).toBe("roster.file.empty");
    expect(await refusal(bytes(`${HEADER}\n`))).toBe("roster.file.empty");
    expect(await refusal(new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]))).toBe("roster.file.encoding");
    expect(await refusal(bytes("PK\u0003\u0004 not really a workbook"))).toBe("roster.file.notCsv");
    expect(await refusal(bytes("Tên,Điện thoại\nA,0912345678\n"))).toBe("roster.column.missing");
  });

  test("an Excel workbook is read from its first sheet, and a formula in a cell is refused", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(Object.values(ROSTER_COLUMNS));
    sheet.addRow(["Hộ bà Lan", "0912 000 111", "", "VP-1"]);
    sheet.addRow(["Hộ ông Sơn", { formula: 'CONCAT("09","12")' }, "", "VP-2"]);
    const parsed = await parseRosterFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { row: 3, column: "Số điện thoại", problem: "roster.cell.formula" },
        { row: 3, column: "Số điện thoại", problem: "form.phone.invalid" },
      ],
    });

    sheet.getRow(3).getCell(2).value = "0912 000 222";
    const clean = await parseRosterFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(clean.ok && clean.rows.map((row) => row.phone)).toEqual(["+84912000111", "+84912000222"]);
  });
});

describe("importing a roster", () => {
  test("a re-import updates entries matched by phone or id instead of duplicating them", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const phone = uniquePhone();
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    const first = await importRoster(admin, target, [
      { name: "Hộ bà Lan", phone, taxCode: null, externalId: null },
      { name: "Hộ ông Sơn", phone: null, taxCode: null, externalId: "VP-2" },
    ]);
    const second = await importRoster(admin, target, [
      { name: "Hộ bà Lan (đã sửa)", phone, taxCode: null, externalId: null },
      { name: "Hộ ông Sơn", phone: null, taxCode: null, externalId: "VP-2" },
      { name: "Hộ bà Mới", phone: uniquePhone(), taxCode: null, externalId: null },
    ]);
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(second).toMatchObject({ created: 1, updated: 2 });
    const names = await prisma.rosterEntry.findMany({ where: target, select: { name: true }, orderBy: { name: "asc" } });
    expect(names.map((entry) => entry.name)).toEqual(["Hộ bà Lan (đã sửa)", "Hộ bà Mới", "Hộ ông Sơn"]);
    expect(await prisma.auditEntry.count({ where: { actorId: admin.id, action: "roster.import" } })).toBe(2);
  });

  test("an entry marked as left comes back with a re-import; another ward's entry cannot be marked", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const otherAdmin = await createAdmin(units.phuLa.id, "ward_admin");
    const row = { name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null };
    const target = { unitId: units.vanPhuc.id, targetGroup: "HH" };
    await importRoster(admin, target, [row]);
    const entry = await prisma.rosterEntry.findFirstOrThrow({ where: target, select: { id: true } });

    expect(await markRosterEntryLeft(otherAdmin, await scopeOn(otherAdmin.unitPath), entry.id, new Date())).toBe(false);
    expect(await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), entry.id, new Date())).toBe(true);
    expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).leftAt).not.toBeNull();

    await importRoster(admin, target, [row]);
    expect((await prisma.rosterEntry.findUniqueOrThrow({ where: { id: entry.id }, select: { leftAt: true } })).leftAt).toBeNull();
  });
});
