import type { MessageKey } from "#app/i18n/messages";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";
import { readSheet, type SheetLimits, type SheetProblem } from "#app/utils/spreadsheet/read.server";

// A ward of the 2025 reorganisation lists tens of thousands of households (issue 14, item 7).
export const ROSTER_MAX_BYTES = 20 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 100_000;

/** The template's columns, in order. Headers are matched without diacritics or case. */
export const ROSTER_COLUMNS = {
  name: "Họ và tên hoặc tên tổ chức",
  phone: "Số điện thoại",
  taxCode: "Mã số thuế",
  externalId: "Mã riêng của phường",
  ward: "Phường",
} as const;
type Column = keyof typeof ROSTER_COLUMNS;

const TAX_CODE = /^\d{10}(-\d{3})?$/;
const FORMULA = /^(=|@|[+-](?![\d\s]))/;

/** One person or organisation of the file; `line` is the row as the spreadsheet numbers it. */
export type RosterRow = { line: number; name: string; phone: string | null; taxCode: string | null; externalId: string | null };
/** A problem in the file: the row as a spreadsheet numbers it (header is row 1) and the column. */
export type RosterProblem = { row: number | null; column: string | null; problem: MessageKey };

/** Which headers of the file were read as which column, and which were left aside (shown before an import is confirmed). */
export type RosterColumns = { recognised: { column: Column; header: string }[]; ignored: string[] };

/** A checked file: its rows, its columns, and remarks that do not stop the import (shown in the preview). */
export type ParsedRoster = { ok: true; rows: RosterRow[]; columns: RosterColumns; notes: RosterProblem[] };
type Parsed = ParsedRoster | { ok: false; problems: RosterProblem[] };

function fileProblem(problem: MessageKey): Parsed {
  return { ok: false, problems: [{ row: null, column: null, problem }] };
}

const ROSTER_LIMITS: SheetLimits = {
  maxBytes: ROSTER_MAX_BYTES,
  maxRows: ROSTER_MAX_ROWS,
  // A 100,000-row roster is about 40 MB of XML; a zip bomb unpacks to far more.
  maxUnpackedBytes: 150 * 1024 * 1024,
};

const FILE_PROBLEMS: Record<SheetProblem, MessageKey> = {
  empty: "roster.file.empty",
  tooBig: "roster.file.tooBig",
  tooManyRows: "roster.file.tooManyRows",
  encoding: "roster.file.encoding",
  unreadable: "roster.file.notCsv",
};

/** The ward a file is imported into: a row naming another ward in the "Phường" column is refused. */
type ImportWard = { name: string; code: string };

const namesWard = (value: string, ward: ImportWard) => [ward.name, `phường ${ward.name}`, ward.code].some((name) => foldForSearch(name) === foldForSearch(value));

/**
 * Reads a roster file, CSV (UTF-8, comma or semicolon separated, as Excel saves it) or Excel
 * (.xlsx, first sheet), and checks every row. Every bad row is reported, with its number and
 * column, and then nothing is imported.
 */
export async function parseRosterFile(bytes: Uint8Array, ward: ImportWard | null = null): Promise<Parsed> {
  const sheet = await readSheet(bytes, ROSTER_LIMITS);
  if (!sheet.ok) return fileProblem(FILE_PROBLEMS[sheet.problem]);
  const { header, rows: data } = sheet;

  const positions = new Map<Column, number>();
  const wanted = Object.entries(ROSTER_COLUMNS) as [Column, string][];
  header.forEach((label, index) => {
    const found = wanted.find(([, expected]) => foldForSearch(expected) === foldForSearch(label));
    if (found) positions.set(found[0], index);
  });
  if (!positions.has("name")) return { ok: false, problems: [{ row: 1, column: ROSTER_COLUMNS.name, problem: "roster.column.missing" }] };

  const problems: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  const seen = { phone: new Map<string, number>(), taxCode: new Map<string, number>(), externalId: new Map<string, number>() };
  data.forEach((record, index) => {
    const rowNumber = index + 2;
    const cell = (column: Column) => {
      const position = positions.get(column);
      return position === undefined ? "" : (record[position] ?? "").trim();
    };
    const report = (column: Column, problem: MessageKey) => problems.push({ row: rowNumber, column: ROSTER_COLUMNS[column], problem });
    // A cell starting with "=" (or "+", "-", "@" not starting a number such as +84...) is a
    // formula a spreadsheet would run: refuse it rather than store it and export it later.
    for (const column of positions.keys()) if (FORMULA.test(cell(column))) report(column, "roster.cell.formula");

    const name = cell("name");
    if (name.length < 2) report("name", "roster.name.missing");
    else if (name.length > 200) report("name", "form.tooLong");
    const rawPhone = cell("phone");
    const phone = rawPhone ? normalisePhone(rawPhone) : null;
    if (rawPhone && !phone) report("phone", "form.phone.invalid");
    const taxCode = cell("taxCode") || null;
    if (taxCode && !TAX_CODE.test(taxCode)) report("taxCode", "roster.taxCode.invalid");
    const externalId = cell("externalId") || null;
    if (externalId && externalId.length > 50) report("externalId", "form.tooLong");
    if (!rawPhone && !taxCode && !externalId) report("phone", "roster.key.missing");
    const rowWard = cell("ward");
    if (ward && rowWard && !namesWard(rowWard, ward)) report("ward", "roster.ward.other");
    for (const [column, value] of [
      ["phone", phone],
      ["taxCode", taxCode],
      ["externalId", externalId],
    ] as const) {
      if (!value) continue;
      if (seen[column].has(value)) report(column, "roster.duplicate");
      else seen[column].set(value, rowNumber);
    }
    rows.push({ line: rowNumber, name, phone, taxCode, externalId });
  });
  if (problems.length > 0) return { ok: false, problems };
  const recognised = [...positions].map(([column, index]) => ({ column, header: header[index] ?? "" }));
  const ignored = header.filter((label, index) => label.trim() !== "" && ![...positions.values()].includes(index));
  return { ok: true, rows, columns: { recognised, ignored }, notes: [] };
}

export function rosterTemplateCsv() {
  const example = ["Nguyễn Thị Hoa", "0912 345 678", "", "VP-001", ""];
  return `\uFEFF${Object.values(ROSTER_COLUMNS).join(",")}\r\n${example.join(",")}\r\n`;
}
