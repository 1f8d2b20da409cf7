import { targetGroupLabels } from "#app/content/target-groups.server";
import type { Lang } from "#app/i18n/lang";
import { translate, type MessageKey } from "#app/i18n/messages";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter, pageCount, pageOf } from "#app/utils/list-query";
import { formatDate } from "#app/utils/dates";
import { formatPhone, normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";
import { readSheet, type SheetLimits, type SheetProblem } from "#app/utils/spreadsheet/read.server";

import { audit } from "./audit.server";
import { recordQualifications } from "./qualification.server";

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

const ROSTER_LIMITS: SheetLimits = {
  maxBytes: ROSTER_MAX_BYTES,
  maxRows: ROSTER_MAX_ROWS,
  // A 20,000-row roster is under 10 MB of XML.
  maxUnpackedBytes: 30 * 1024 * 1024,
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
    rows.push({ name, phone, taxCode, externalId });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** The ward, already resolved in the admin's scope by the caller, and the target group. */
type ImportTarget = { unitId: string; targetGroup: string };

/**
 * Imports a checked roster into one ward and group, all rows or none. An entry already on the
 * roster (same external id, else phone, else tax code) is updated, not duplicated; entries are
 * matched to accounts by phone and qualify at once for what their person has completed.
 */
export async function importRoster(admin: AdminUser, target: ImportTarget, rows: RosterRow[]) {
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
        const id = (row.externalId && byKey.get(`x:${row.externalId}`)) || (row.phone && byKey.get(`p:${row.phone}`)) || (row.taxCode && byKey.get(`t:${row.taxCode}`)) || null;
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
  return { entries, total, pageCount: pageCount(total, ROSTER_PAGE_SIZE) };
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
export async function markRosterEntryLeft(admin: AdminUser, entryId: string, leftAt: Date) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.rosterEntry.updateMany({
      where: { id: entryId, unit: { path: { startsWith: admin.unitPath } } },
      data: { leftAt },
    });
    if (count === 0) return false;
    await tx.qualification.updateMany({ where: { rosterEntryId: entryId }, data: { leftAt } });
    await audit(tx, { actorId: admin.id, action: "roster.left", targetType: "rosterEntry", targetId: entryId, details: { leftAt } });
    return true;
  });
}
