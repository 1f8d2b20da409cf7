import { inflateRawSync } from "node:zlib";

import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

import { targetGroupLabels } from "#app/content/target-groups.server";
import type { Lang } from "#app/i18n/lang";
import { translate, type MessageKey } from "#app/i18n/messages";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageOf } from "#app/utils/list-query";
import { formatDate } from "#app/utils/dates";
import { formatPhone, normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { recordQualifications } from "./qualification.server";
import { findWardInForce } from "./unit.server";

export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 20_000;

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

export type RosterRow = { name: string; phone: string | null; taxCode: string | null; externalId: string | null };
/** A problem in the file: the row as a spreadsheet numbers it (header is row 1) and the column. */
export type RosterProblem = { row: number | null; column: string | null; problem: MessageKey };

type Parsed = { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] };

function fileProblem(problem: MessageKey): Parsed {
  return { ok: false, problems: [{ row: null, column: null, problem }] };
}

/** What an .xlsx file may unpack to: a 20,000-row roster is under 10 MB of XML. */
const XLSX_MAX_UNPACKED_BYTES = 30 * 1024 * 1024;

type ZipEntry = { name: string; method: number; packedSize: number; localHeader: number };

/** The entries a zip's central directory lists, or null when it cannot be read. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  for (let end = bytes.byteLength - 22; end >= Math.max(0, bytes.byteLength - 22 - 65_535); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const count = view.getUint16(end + 10, true);
    let offset = view.getUint32(end + 16, true);
    const entries: ZipEntry[] = [];
    for (let index = 0; index < count; index++) {
      if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null;
      const nameLength = view.getUint16(offset + 28, true);
      entries.push({
        name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
        method: view.getUint16(offset + 10, true),
        packedSize: view.getUint32(offset + 20, true),
        localHeader: view.getUint32(offset + 42, true),
      });
      offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return entries;
  }
  return null;
}

/** An entry's content, unpacked to at most `limit` bytes: "tooBig" beyond, null when unreadable. */
function unpack(bytes: Uint8Array, entry: ZipEntry, limit: number): Buffer | "tooBig" | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeader;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const packed = bytes.subarray(start, start + entry.packedSize);
  if (entry.method === 0) return packed.byteLength > limit ? "tooBig" : Buffer.from(packed);
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, limit) });
  } catch (error) {
    return error instanceof RangeError ? "tooBig" : null;
  }
}

/** How many rows a worksheet's XML holds: `<row ...>` elements, with or without a namespace prefix. */
function countRows(xml: Buffer) {
  const isNameByte = (byte: number | undefined) => byte !== undefined && /[\w.-]/.test(String.fromCharCode(byte));
  let rows = 0;
  for (let at = xml.indexOf("row"); at !== -1; at = xml.indexOf("row", at + 3)) {
    // "<row " or "<x:row>", not "</row>", "<rowBreaks" or "arrow".
    let start = at - 1;
    if (xml[start] === 0x3a) for (start--; isNameByte(xml[start]); start--);
    const after = xml[at + 3];
    if (xml[start] === 0x3c && (after === 0x20 || after === 0x3e || after === 0x2f)) rows++;
  }
  return rows;
}

/**
 * Cells of the first worksheet of an .xlsx file as text, row by row. Every entry is unpacked once,
 * within a budget, before exceljs sees the file: a small "zip bomb" can unpack to gigabytes, its
 * directory can lie about sizes, and exceljs holds every row of every sheet as objects (some 2 kB
 * a row), so a sheet of 100,000 short rows in a 2 MB file would take 200 MB of memory.
 */
async function readXlsx(bytes: Uint8Array): Promise<string[][] | MessageKey> {
  const entries = zipEntries(bytes);
  if (!entries) return "roster.file.notCsv";
  let budget = XLSX_MAX_UNPACKED_BYTES;
  let rows = 0;
  for (const entry of entries) {
    const content = unpack(bytes, entry, budget);
    if (content === null) return "roster.file.notCsv";
    if (content === "tooBig") return "roster.file.tooBig";
    budget -= content.byteLength;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) rows += countRows(content);
  }
  // The header row, then at most ROSTER_MAX_ROWS entries.
  if (rows > ROSTER_MAX_ROWS + 1) return "roster.file.tooManyRows";
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares the Buffer of older Node typings; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return "roster.file.notCsv";
  }
  // A zip without a worksheet is some other file named .xlsx, not an empty roster.
  const sheet = workbook.worksheets[0];
  if (!sheet) return "roster.file.notCsv";
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A formula is kept as its text so that the check below refuses it.
      const value = cell.formula ? `=${cell.formula}` : cell.text;
      cells[column - 1] = value.trim();
    });
    records.push(Array.from(cells, (cell) => cell ?? ""));
  });
  return records;
}

function readCsv(bytes: Uint8Array): string[][] | MessageKey {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return "roster.file.encoding";
  }
  if (text.includes("\0")) return "roster.file.notCsv";
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    // The header, the most rows a roster may have, and one more to tell that there are too many.
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, to: ROSTER_MAX_ROWS + 2 });
  } catch {
    return "roster.file.notCsv";
  }
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** The ward a file is imported into: a row naming another ward in the "Phường" column is refused. */
type ImportWard = { name: string; code: string };

const namesWard = (value: string, ward: ImportWard) =>
  [ward.name, `phường ${ward.name}`, ward.code].some((name) => foldForSearch(name) === foldForSearch(value));

/**
 * Reads a roster file, CSV (UTF-8, comma or semicolon separated, as Excel saves it) or Excel
 * (.xlsx, first sheet), and checks every row. Every bad row is reported, with its number and
 * column, and then nothing is imported.
 */
export async function parseRosterFile(bytes: Uint8Array, ward: ImportWard | null = null): Promise<Parsed> {
  if (bytes.byteLength === 0) return fileProblem("roster.file.empty");
  if (bytes.byteLength > ROSTER_MAX_BYTES) return fileProblem("roster.file.tooBig");
  const isZip = ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte);
  const records = isZip ? await readXlsx(bytes) : readCsv(bytes);
  if (typeof records === "string") return fileProblem(records);
  const [header, ...data] = records;
  if (!header || data.length === 0) return fileProblem("roster.file.empty");
  if (data.length > ROSTER_MAX_ROWS) return fileProblem("roster.file.tooManyRows");

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
    for (const [column, value] of [["phone", phone], ["taxCode", taxCode], ["externalId", externalId]] as const) {
      if (!value) continue;
      if (seen[column].has(value)) report(column, "roster.duplicate");
      else seen[column].set(value, rowNumber);
    }
    rows.push({ name, phone, taxCode, externalId });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

type ImportTarget = { unitId: string; targetGroup: string };

/**
 * Imports a checked roster into one ward and group, all rows or none. An entry already on the
 * roster (same external id, else phone, else tax code) is updated, not duplicated; entries are
 * matched to accounts by phone and qualify at once for what their person has completed.
 */
export async function importRoster(admin: AdminUser, scopePath: string, target: ImportTarget, rows: RosterRow[]) {
  const ward = await findWardInForce(target.unitId);
  if (!ward?.path.startsWith(scopePath)) throw new Response("Forbidden", { status: 403 });
  const phones = rows.flatMap((row) => (row.phone ? [row.phone] : []));
  // An account whose phone is not confirmed may be somebody else's sign-up with this phone.
  const users = await prisma.user.findMany({ where: { phone: { in: phones }, phoneConfirmedAt: { not: null } }, select: { id: true, phone: true } });
  const userByPhone = new Map(users.map((user) => [user.phone, user.id]));

  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.rosterEntry.findMany({
        where: { unitId: target.unitId, targetGroup: target.targetGroup },
        select: { id: true, phone: true, taxCode: true, externalId: true },
      });
      const byKey = new Map<string, string>();
      for (const entry of existing) {
        if (entry.externalId) byKey.set(`x:${entry.externalId}`, entry.id);
        if (entry.phone) byKey.set(`p:${entry.phone}`, entry.id);
        if (entry.taxCode) byKey.set(`t:${entry.taxCode}`, entry.id);
      }
      let created = 0;
      let updated = 0;
      const matchedUsers = new Set<string>();
      for (const row of rows) {
        const id =
          (row.externalId && byKey.get(`x:${row.externalId}`)) ||
          (row.phone && byKey.get(`p:${row.phone}`)) ||
          (row.taxCode && byKey.get(`t:${row.taxCode}`)) ||
          null;
        const userId = row.phone ? (userByPhone.get(row.phone) ?? null) : null;
        const data = { ...row, searchName: foldForSearch(row.name), userId, leftAt: null };
        if (id) {
          await tx.rosterEntry.update({ where: { id }, data, select: { id: true } });
          // On the roster again: its qualifications count again.
          await tx.qualification.updateMany({ where: { rosterEntryId: id, leftAt: { not: null } }, data: { leftAt: null } });
          updated++;
        } else {
          await tx.rosterEntry.create({ data: { ...data, ...target }, select: { id: true } });
          created++;
        }
        if (userId) matchedUsers.add(userId);
      }
      for (const userId of matchedUsers) await recordQualifications(tx, userId);
      await audit(tx, {
        actorId: admin.id,
        action: "roster.import",
        targetType: "unit",
        targetId: target.unitId,
        details: { targetGroup: target.targetGroup, created, updated, matched: matchedUsers.size },
      });
      return { created, updated, matched: matchedUsers.size };
    },
    { timeout: 60_000 },
  );
}

export function rosterTemplateCsv() {
  const example = ["Nguyễn Thị Hoa", "0912 345 678", "", "VP-001", ""];
  return `\uFEFF${Object.values(ROSTER_COLUMNS).join(",")}\r\n${example.join(",")}\r\n`;
}

const ROSTER_PAGE_SIZE = 25;

/** Roster entries in an administrator's scope, searchable by name or phone, in pages (every one for `page` null, for exports). */
export async function listRoster(scopePath: string, query: string, page: number | null) {
  const where = { unit: { path: { startsWith: scopePath } }, ...nameOrPhoneFilter(query) };
  const [entries, total] = await Promise.all([
    prisma.rosterEntry.findMany({
      where,
      select: { id: true, name: true, phone: true, targetGroup: true, userId: true, leftAt: true, unit: { select: { name: true } } },
      orderBy: [{ searchName: "asc" }, { id: "asc" }],
      ...pageOf(page, ROSTER_PAGE_SIZE),
    }),
    prisma.rosterEntry.count({ where }),
  ]);
  return { entries, total, pageCount: Math.max(1, Math.ceil(total / ROSTER_PAGE_SIZE)) };
}

type ListedRow = {
  id: string;
  name: string;
  phone: string | null;
  targetGroup: string;
  userId: string | null;
  leftAt: Date | null;
  unit: { name: string };
};

/** A roster entry as the admin lists show it, with its group's label in the reader's language. */
export function toListedEntry(entry: ListedRow, groupLabels: Record<string, string>) {
  return {
    id: entry.id,
    name: entry.name,
    phone: entry.phone ? formatPhone(entry.phone) : "",
    ward: entry.unit.name,
    group: groupLabels[entry.targetGroup] ?? entry.targetGroup,
    hasAccount: entry.userId !== null,
    leftOn: entry.leftAt ? formatDate(entry.leftAt) : null,
  };
}

/** Roster entries as the columns of an export, in the reader's language. */
export function rosterEntrySheet(entries: ListedRow[], lang: Lang) {
  const t = (key: MessageKey) => translate(lang, key);
  const groups = targetGroupLabels(lang);
  return {
    header: [t("roster.name"), t("form.phone"), t("form.ward"), t("roster.group"), t("roster.account"), t("roster.leftAtHeader")],
    rows: entries.map((entry) => {
      const listed = toListedEntry(entry, groups);
      return [listed.name, listed.phone, listed.ward, listed.group, t(listed.hasAccount ? "roster.matched" : "roster.unmatched"), listed.leftOn ?? ""];
    }),
  };
}

/**
 * An entry leaves the population from a date (moved away, business closed): it stops counting
 * in the population and as reached from then on, in the same transaction.
 */
export async function markRosterEntryLeft(admin: AdminUser, scopePath: string, entryId: string, leftAt: Date) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, unit: { path: { startsWith: scopePath } } },
      data: { leftAt },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt } });
    await audit(tx, { actorId: admin.id, action: "roster.left", targetType: "rosterEntry", targetId: entryId, details: { leftAt } });
    return true;
  });
}
