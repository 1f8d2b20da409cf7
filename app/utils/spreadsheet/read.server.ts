import { inflateRawSync } from "node:zlib";

import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

/** What a caller allows a file to be: its size, its data rows (header excluded) and, for .xlsx, what it may unpack to. */
export type SheetLimits = { maxBytes: number; maxRows: number; maxUnpackedBytes: number };

/** Why a file gave no rows; the caller words it for its readers. */
export type SheetProblem = "empty" | "tooBig" | "tooManyRows" | "encoding" | "unreadable";

export type ReadSheet = { ok: true; header: string[]; rows: string[][] } | { ok: false; problem: SheetProblem };

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
async function readXlsx(bytes: Uint8Array, limits: SheetLimits): Promise<string[][] | SheetProblem> {
  const entries = zipEntries(bytes);
  if (!entries) return "unreadable";
  let budget = limits.maxUnpackedBytes;
  let rows = 0;
  for (const entry of entries) {
    const content = unpack(bytes, entry, budget);
    if (content === null) return "unreadable";
    if (content === "tooBig") return "tooBig";
    budget -= content.byteLength;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) rows += countRows(content);
  }
  // The header row, then at most maxRows entries.
  if (rows > limits.maxRows + 1) return "tooManyRows";
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares the Buffer of older Node typings; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return "unreadable";
  }
  // A zip without a worksheet is some other file named .xlsx, not an empty sheet.
  const sheet = workbook.worksheets[0];
  if (!sheet) return "unreadable";
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A formula is kept as its text so that the caller can refuse it.
      const value = cell.formula ? `=${cell.formula}` : cell.text;
      cells[column - 1] = value.trim();
    });
    records.push(Array.from(cells, (cell) => cell ?? ""));
  });
  return records;
}

function readCsv(bytes: Uint8Array, limits: SheetLimits): string[][] | SheetProblem {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return "encoding";
  }
  if (text.includes("\0")) return "unreadable";
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    // The header, the most rows allowed, and one more to tell that there are too many.
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, to: limits.maxRows + 2 });
  } catch {
    return "unreadable";
  }
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads a sheet, CSV (UTF-8, comma or semicolon separated, as Excel saves it) or Excel (.xlsx,
 * first sheet), as its header and data rows of trimmed text, within the caller's limits.
 */
export async function readSheet(bytes: Uint8Array, limits: SheetLimits): Promise<ReadSheet> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (bytes.byteLength > limits.maxBytes) return { ok: false, problem: "tooBig" };
  const isZip = ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte);
  const records = isZip ? await readXlsx(bytes, limits) : readCsv(bytes, limits);
  if (typeof records === "string") return { ok: false, problem: records };
  const [header, ...rows] = records;
  if (!header || rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > limits.maxRows) return { ok: false, problem: "tooManyRows" };
  return { ok: true, header, rows };
}
