import type { MessageKey } from "#app/i18n/messages";
import { readBirthYear } from "#app/utils/birth-year";
import { readPhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";
import { isTaxCode } from "#app/utils/tax-code";
import { readSheet, type SheetLimits, type SheetProblem, type SheetRow } from "#app/utils/spreadsheet/read.server";

// A 100,000-row roster is some 7 MB as CSV, 4 MB as .xlsx.
export const ROSTER_MAX_BYTES = 10 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 100_000;
/** The header is looked for among the first rows: offices put a title, a date and a blank row above it. */
export const ROSTER_HEADER_ROWS = 20;

/** The template's columns, in order. */
export const ROSTER_COLUMNS = {
  name: "Họ và tên hoặc tên tổ chức",
  phone: "Số điện thoại",
  taxCode: "Mã số thuế",
  externalId: "Mã riêng của phường",
  ward: "Phường",
  birthYear: "Năm sinh",
} as const;
type Column = keyof typeof ROSTER_COLUMNS;

/**
 * The headers offices write for each column, compared folded (no case, diacritics, punctuation or
 * line breaks: "Họ và tên\n(chủ hộ)" reads "ho va ten chu ho"). A header equal to one of these, or
 * starting with one of several words, is that column.
 */
const HEADER_NAMES: Record<Column, string[]> = {
  name: [
    "ho va ten hoac ten to chuc",
    "ho va ten",
    "ho ten",
    "ten",
    "ten ho",
    "ten chu ho",
    "chu ho",
    "ho ten chu ho",
    "ho va ten chu ho",
    "ten ho gia dinh",
    "ten co so",
    "ten to chuc",
    "ten doanh nghiep",
    "ten don vi",
    "ten nguoi",
    "doi tuong",
    "name",
    "full name",
  ],
  phone: ["so dien thoai", "sdt", "so dt", "dien thoai", "dt", "di dong", "so di dong", "dien thoai di dong", "dtdd", "so dien thoai lien he", "phone", "mobile"],
  taxCode: ["ma so thue", "mst", "ma so doanh nghiep", "ma so thue doanh nghiep", "tax code"],
  externalId: ["ma rieng cua phuong", "ma rieng", "ma ho", "ma ho gia dinh", "ma dinh danh", "ma", "id"],
  ward: ["phuong", "phuong xa", "xa phuong", "ward"],
  // "Năm sinh (chủ hộ)" reads "nam sinh chu ho", which starts with "nam sinh".
  birthYear: ["nam sinh", "ns", "nam sinh chu ho", "year of birth", "birth year"],
};
const KEY_COLUMNS: Column[] = ["phone", "taxCode", "externalId"];

// Dashes, slashes and underscores part words ("ho-va-ten"); other punctuation does not ("S.Đ.T").
const foldHeader = (label: string) =>
  foldForSearch(label)
    .replace(/[-_/]+/g, " ")
    .replace(/[^a-z0-9 ]+/g, "")
    .replace(/ +/g, " ")
    .trim();

function columnOfHeader(label: string): Column | null {
  const folded = foldHeader(label);
  if (!folded) return null;
  for (const [column, names] of Object.entries(HEADER_NAMES) as [Column, string[]][]) {
    if (names.some((name) => folded === name || (name.includes(" ") && folded.startsWith(`${name} `)))) return column;
  }
  return null;
}

const FORMULA = /^(=|@|[+-](?![\d\s]))/;
// Two numbers in one cell: "0912 345 678 / 0987 654 321", "...; ...", "... hoặc ...", one per line.
const PHONE_SEPARATOR = /\s*(?:[/;,|\n]|\s-\s|\s(?:hoặc|hoac|và|va|or)\s)\s*/i;

/** One person or organisation of the file; `line` is the row as the spreadsheet numbers it. */
export type RosterRow = { line: number; name: string; phone: string | null; taxCode: string | null; externalId: string | null; birthYear?: number | null };
/** A problem in the file: the row as a spreadsheet numbers it and the column. */
export type RosterProblem = { row: number | null; column: string | null; problem: MessageKey };

/** Which headers of the file were read as which column, and which were left aside (shown before an import is confirmed). */
export type RosterColumns = { recognised: { column: Column; header: string }[]; ignored: string[] };

/** A checked file: its rows, its columns, and remarks that do not stop the import (shown in the preview). */
export type ParsedRoster = { ok: true; rows: RosterRow[]; columns: RosterColumns; notes: RosterProblem[] };
type Parsed = ParsedRoster | { ok: false; problems: RosterProblem[] };

function fileProblem(problem: MessageKey, row: number | null = null, column: string | null = null): Parsed {
  return { ok: false, problems: [{ row, column, problem }] };
}

const ROSTER_LIMITS: SheetLimits = {
  maxBytes: ROSTER_MAX_BYTES,
  // The data rows, and the title and header rows above them.
  maxRows: ROSTER_MAX_ROWS + ROSTER_HEADER_ROWS,
  // A 100,000-row roster is some 40 MB of XML.
  maxUnpackedBytes: 150 * 1024 * 1024,
};

const FILE_PROBLEMS: Record<SheetProblem, MessageKey> = {
  empty: "roster.file.empty",
  tooBig: "roster.file.tooBig",
  tooManyRows: "roster.file.tooManyRows",
  encoding: "roster.file.encoding",
  unreadable: "roster.file.notCsv",
};

type Header = { positions: Map<Column, number>; labels: string[]; dataFrom: number; line: number };

function positionsOf(labels: string[]) {
  const positions = new Map<Column, number>();
  labels.forEach((label, index) => {
    const column = columnOfHeader(label);
    if (column && !positions.has(column)) positions.set(column, index);
  });
  return positions;
}

const hasKey = (positions: Map<Column, number>) => KEY_COLUMNS.some((column) => positions.has(column));

/**
 * The header among the first rows: one row naming the name column and a phone, tax code or id
 * column, or two rows read together (a merged "Liên hệ" over "Số điện thoại" and "Mã số thuế").
 * Returns the header, or the row where the name column was found without a key column, or null.
 */
function findHeader(rows: SheetRow[]): Header | { nameOnlyAt: number } | null {
  const zone = rows.filter((row) => row.line <= ROSTER_HEADER_ROWS || row === rows[0]);
  let nameOnlyAt: number | null = null;
  for (let index = 0; index < zone.length; index++) {
    const top = zone[index]!.cells;
    const single = positionsOf(top);
    if (single.has("name") && hasKey(single)) return { positions: single, labels: top, dataFrom: index + 1, line: zone[index]!.line };
    const below = rows[index + 1];
    if (below && below.line === zone[index]!.line + 1) {
      const width = Math.max(top.length, below.cells.length);
      const labels = Array.from({ length: width }, (_, column) => {
        const lower = below.cells[column] ?? "";
        return columnOfHeader(lower) ? lower : (top[column] ?? "") || lower;
      });
      const joined = positionsOf(labels);
      if (joined.has("name") && hasKey(joined)) return { positions: joined, labels, dataFrom: index + 2, line: below.line };
      if (joined.has("name")) nameOnlyAt ??= below.line;
    }
    if (single.has("name")) nameOnlyAt ??= zone[index]!.line;
  }
  return nameOnlyAt === null ? null : { nameOnlyAt };
}

/** The ward a file is imported into: a row naming another ward in the "Phường" column is refused. */
type ImportWard = { name: string; code: string };

const namesWard = (value: string, ward: ImportWard) => [ward.name, `phường ${ward.name}`, ward.code].some((name) => foldForSearch(name) === foldForSearch(value));

/**
 * Reads a roster file as ward offices write it, CSV (UTF-8, comma, semicolon or tab separated) or
 * Excel (.xlsx, first sheet): the header found among the first rows, empty rows skipped, phones
 * mended where their meaning is certain. Every bad row is reported, with its number and column,
 * and then nothing is imported; what was mended is returned as notes for the preview.
 */
export async function parseRosterFile(bytes: Uint8Array, ward: ImportWard | null = null): Promise<Parsed> {
  const sheet = await readSheet(bytes, ROSTER_LIMITS);
  if (!sheet.ok) return fileProblem(FILE_PROBLEMS[sheet.problem]);
  const header = findHeader(sheet.rows);
  if (header === null) return fileProblem("roster.header.missing");
  if ("nameOnlyAt" in header) return fileProblem("roster.column.keyMissing", header.nameOnlyAt, ROSTER_COLUMNS.phone);
  const { positions, labels } = header;
  // Official forms number their columns under the header: "(1) (2) (3)" is not a row of data.
  const below = sheet.rows[header.dataFrom]?.cells.filter(Boolean) ?? [];
  const numbering = below.length >= 2 && below.every((cell) => /^\(?[0-9A-Za-z]{1,2}\)?$/.test(cell));
  const data = sheet.rows.slice(header.dataFrom + (numbering ? 1 : 0));
  if (data.length === 0) return fileProblem("roster.file.empty");
  if (data.length > ROSTER_MAX_ROWS) return fileProblem("roster.file.tooManyRows");

  const problems: RosterProblem[] = [];
  const notes: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  const seen = { phone: new Set<string>(), taxCode: new Set<string>(), externalId: new Set<string>() };
  const entries = [...positions];
  for (const { line, cells } of data) {
    const cell = (column: Column) => {
      const position = positions.get(column);
      return position === undefined ? "" : (cells[position] ?? "");
    };
    const report = (column: Column, problem: MessageKey) => problems.push({ row: line, column: ROSTER_COLUMNS[column], problem });
    const note = (column: Column, problem: MessageKey) => notes.push({ row: line, column: ROSTER_COLUMNS[column], problem });
    // Text starting with "=" (or "+", "-", "@" not starting a number such as +84...) is a formula a
    // spreadsheet would run: refuse it rather than store it and export it later. A real formula
    // cell of a workbook arrives as its cached result.
    for (const [column] of entries) if (FORMULA.test(cell(column))) report(column, "roster.cell.formula");

    const name = cell("name");
    if (name.length < 2) report("name", "roster.name.missing");
    else if (name.length > 200) report("name", "form.tooLong");
    const [firstPhone = "", ...otherPhones] = cell("phone").split(PHONE_SEPARATOR).filter(Boolean);
    const read = firstPhone ? readPhone(firstPhone) : null;
    if (firstPhone && !read) report("phone", "form.phone.invalid");
    if (read && otherPhones.some((other) => /\d{4}/.test(other.replace(/\D/g, "")))) note("phone", "roster.note.secondPhone");
    if (read?.converted) note("phone", "roster.note.oldPhone");
    else if (read?.restoredZero) note("phone", "roster.note.leadingZero");
    const phone = read?.phone ?? null;
    const taxCode = cell("taxCode") || null;
    if (taxCode && !isTaxCode(taxCode)) report("taxCode", "roster.taxCode.invalid");
    const externalId = cell("externalId") || null;
    if (externalId && externalId.length > 50) report("externalId", "form.tooLong");
    if (!firstPhone && !taxCode && !externalId) report("phone", "roster.key.missing");
    const birthYear = readBirthYear(cell("birthYear"));
    if (birthYear === "invalid") report("birthYear", "form.birthYear.invalid");
    const rowWard = cell("ward");
    if (ward && rowWard && !namesWard(rowWard, ward)) report("ward", "roster.ward.other");
    // A row repeating an earlier one's phone, tax code or id is left out: the first is kept.
    const keys = [
      ["phone", phone],
      ["taxCode", taxCode],
      ["externalId", externalId],
    ] as const;
    const duplicateOf = keys.find(([column, value]) => value && seen[column].has(value));
    if (duplicateOf) {
      note(duplicateOf[0], "roster.note.duplicate");
      continue;
    }
    for (const [column, value] of keys) if (value) seen[column].add(value);
    rows.push({ line, name, phone, taxCode, externalId, ...(typeof birthYear === "number" ? { birthYear } : {}) });
  }
  if (problems.length > 0) return { ok: false, problems };
  const recognised = entries.map(([column, index]) => ({ column, header: labels[index] ?? "" }));
  const used = new Set(positions.values());
  const ignored = labels.filter((label, index) => label !== "" && !used.has(index));
  return { ok: true, rows, columns: { recognised, ignored }, notes };
}

export function rosterTemplateCsv() {
  const example = ["Nguyễn Thị Hoa", "0912 345 678", "", "VP-001", "", "1978"];
  return `\uFEFF${Object.values(ROSTER_COLUMNS).join(",")}\r\n${example.join(",")}\r\n`;
}
