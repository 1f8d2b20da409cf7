import { createInflateRaw, inflateRawSync } from "node:zlib";

import { cleanText } from "#app/utils/text";

/**
 * What a caller allows a file to be: its size, its rows with something in them (empty and
 * formatted-but-empty rows do not count) and, for .xlsx, what it may unpack to.
 */
export type SheetLimits = { maxBytes: number; maxRows: number; maxUnpackedBytes: number };

/** Why a file gave no rows; the caller words it for its readers. */
export type SheetProblem = "empty" | "tooBig" | "tooManyRows" | "encoding" | "unreadable";

/** A row with something in it: its number as the spreadsheet shows it, and its cells as clean text. */
export type SheetRow = { line: number; cells: string[] };

export type ReadSheet = { ok: true; rows: SheetRow[] } | { ok: false; problem: SheetProblem };

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

/**
 * Whether the zip's entries unpack to at most `limit` bytes in all, measured by streaming each one
 * and keeping nothing: a bomb is refused before any buffer of its unpacked size is taken.
 */
async function unpacksWithin(bytes: Uint8Array, limit: number): Promise<boolean | null> {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeader;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) return null;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const packed = bytes.subarray(start, start + entry.packedSize);
    if (entry.method !== 8) {
      total += packed.byteLength;
      if (total > limit) return false;
      continue;
    }
    const within = await new Promise<boolean | null>((resolve) => {
      // Large chunks: the default 16 kB took a round trip to the thread pool per 16 kB, 0.2 s per 30 MB.
      const inflate = createInflateRaw({ chunkSize: 1024 * 1024 });
      inflate.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > limit) {
          inflate.destroy();
          resolve(false);
        }
      });
      inflate.on("error", () => resolve(null));
      inflate.on("end", () => resolve(true));
      inflate.end(packed);
    });
    if (within !== true) return within;
  }
  return true;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text with its entities, and the `_x000D_` escapes of Office, decoded. */
function xmlText(raw: string) {
  // Nearly every cell has neither: two searches instead of two replacements per cell.
  if (!raw.includes("&") && !raw.includes("_x")) return raw;
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) =>
      name.startsWith("#") ? String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name] ?? ""),
    )
    .replace(/_x([0-9A-F]{4})_/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/** The text of the `<t>` runs inside an element (a shared string, rich text or an inline string). */
function runsText(xml: string) {
  // Most shared strings are one plain run.
  if (xml.startsWith("<t>") && xml.indexOf("<", 3) === xml.length - 4) return xmlText(xml.slice(3, -4));
  let text = "";
  for (const run of xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) text += run[1];
  return xmlText(text);
}

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(reference: string) {
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column - 1;
}

/** An attribute's value in an element's attribute text; the name must start an attribute ("t" is not the end of "ht"). */
function attributeOf(attributes: string, name: string) {
  const search = `${name}="`;
  for (let at = attributes.indexOf(search); at > 0; at = attributes.indexOf(search, at + 1)) {
    if (attributes.charCodeAt(at - 1) > 32) continue;
    const start = at + search.length;
    return attributes.slice(start, attributes.indexOf('"', start));
  }
  return undefined;
}

// Merged cells are spread over the header zone only: a title or a two-row header is merged, data is not.
const HEADER_ZONE = 25;

/** Spreads each merged range's value over its cells within the header zone, so that "Liên hệ" over two columns heads both. */
function spreadMerges(xml: string, rows: SheetRow[]): SheetRow[] {
  // The merges follow the rows: no need to search 20 MB of rows for them.
  const from = xml.lastIndexOf("sheetData>");
  const merges = [...xml.slice(from).matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)];
  if (merges.length === 0) return rows;
  const zone = new Map(rows.filter((row) => row.line <= HEADER_ZONE).map((row) => [row.line, row.cells]));
  for (const merge of merges) {
    const [fromColumn, fromRow, toColumn, toRow] = [columnOf(merge[1]!), Number(merge[2]), columnOf(merge[3]!), Number(merge[4])];
    const value = zone.get(fromRow)?.[fromColumn];
    if (!value || fromRow > HEADER_ZONE) continue;
    for (let row = fromRow; row <= Math.min(toRow, HEADER_ZONE); row++) {
      const cells = zone.get(row) ?? [];
      for (let column = fromColumn; column <= toColumn; column++) cells[column] ||= value;
      zone.set(row, cells);
    }
  }
  const merged = [...zone].sort(([a], [b]) => a - b).map(([line, cells]) => ({ line, cells: Array.from(cells, (cell) => cell ?? "") }));
  return [...merged, ...rows.filter((row) => row.line > HEADER_ZONE)];
}

/** The worksheet the workbook shows first: its path inside the zip, from workbook.xml and its relationships. */
function firstSheetPath(files: Map<string, string>) {
  const workbook = files.get("xl/workbook.xml") ?? "";
  const id = /<(?:\w+:)?sheet\s[^>]*?r:id="([^"]+)"/.exec(workbook)?.[1];
  const relations = files.get("xl/_rels/workbook.xml.rels") ?? "";
  for (const relation of relations.matchAll(/<Relationship\s[^>]*>/g)) {
    if (!id || !relation[0].includes(`Id="${id}"`)) continue;
    const target = /Target="([^"]+)"/.exec(relation[0])?.[1];
    if (target) return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  return [...files.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)).sort()[0] ?? null;
}

/** A cell's text from its attributes and content: a shared string, a boolean, an inline string, a value, or a formula without one. */
function cellText(attributes: string, body: string, prefix: string, shared: string[]) {
  const type = attributeOf(attributes, "t");
  if (type === "inlineStr") return runsText(body);
  const valueAt = body.indexOf(`<${prefix}v>`);
  if (valueAt === -1) {
    const formula = /<(?:\w+:)?f(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?f>/.exec(body)?.[1];
    return formula ? `=${xmlText(formula)}` : "";
  }
  const valueStart = valueAt + prefix.length + 3;
  const value = body.slice(valueStart, body.indexOf("<", valueStart));
  if (type === "s") return shared[Number(value)] ?? "";
  if (type === "b") return value === "1" ? "TRUE" : "FALSE";
  return xmlText(value);
}

// An element's start: its prefix ("x:" in files some programs write), attributes and whether it closes itself.
const ROW_START = /<(\w+:)?row(\s[^>]*?)?(\/?)>/g;
const CELL_START = /<(\w+:)?c(\s[^>]*?)?(\/?)>/g;

/**
 * Cells of the first worksheet of an .xlsx file as text, row by row, read from its XML. Every entry
 * is unpacked once, within a budget: a small "zip bomb" can unpack to gigabytes and its directory
 * can lie about sizes. The XML is scanned directly rather than read through a workbook library,
 * which holds every row as objects (some 2 kB a row): 100,000 rows in under a second, in little
 * memory. A formula cell gives its cached result; one without a result is kept as "=formula", for
 * the caller to refuse.
 */
function readXlsx(bytes: Uint8Array, limits: SheetLimits): SheetRow[] | SheetProblem {
  const entries = zipEntries(bytes);
  if (!entries) return "unreadable";
  let budget = limits.maxUnpackedBytes;
  const files = new Map<string, string>();
  // Only the entries the rows come from are unpacked (the others' sizes were measured by
  // unpacksWithin), each one's bytes dropped once it is text.
  for (const entry of entries) {
    if (!/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/.test(entry.name)) continue;
    const content = unpack(bytes, entry, budget);
    if (content === null) return "unreadable";
    if (content === "tooBig") return "tooBig";
    budget -= content.byteLength;
    files.set(entry.name, content.toString("utf8"));
  }
  const sheetPath = firstSheetPath(files);
  const sheet = sheetPath ? files.get(sheetPath) : undefined;
  if (sheet === undefined) return "unreadable";
  const shared: string[] = [];
  for (const item of (files.get("xl/sharedStrings.xml") ?? "").matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)) shared.push(runsText(item[1]!));

  const rows: SheetRow[] = [];
  let inOrder = true;
  let nextRow = 1;
  ROW_START.lastIndex = 0;
  for (let row = ROW_START.exec(sheet); row; row = ROW_START.exec(sheet)) {
    const [, prefix = "", rowAttributes = "", selfClosing] = row;
    const line = Number(attributeOf(rowAttributes, "r") ?? nextRow);
    if (line < nextRow) inOrder = false;
    nextRow = line + 1;
    if (selfClosing) continue;
    const rowEnd = sheet.indexOf(`</${prefix}row>`, ROW_START.lastIndex);
    if (rowEnd === -1) return "unreadable";
    const content = sheet.slice(ROW_START.lastIndex, rowEnd);
    ROW_START.lastIndex = rowEnd;
    const cells: string[] = [];
    let nextColumn = 0;
    CELL_START.lastIndex = 0;
    for (let cell = CELL_START.exec(content); cell; cell = CELL_START.exec(content)) {
      const [, cellPrefix = "", attributes = "", cellClosing] = cell;
      const reference = attributeOf(attributes, "r");
      const column = reference ? columnOf(reference) : nextColumn;
      nextColumn = column + 1;
      if (cellClosing) continue;
      const cellEnd = content.indexOf(`</${cellPrefix}c>`, CELL_START.lastIndex);
      if (cellEnd === -1) return "unreadable";
      const clean = cleanText(cellText(attributes, content.slice(CELL_START.lastIndex, cellEnd), cellPrefix, shared));
      CELL_START.lastIndex = cellEnd;
      if (clean) cells[column] = clean;
    }
    if (cells.length === 0) continue;
    for (let column = 0; column < cells.length; column++) cells[column] ??= "";
    rows.push({ line, cells });
    // Rows with something in them only: a sheet of formatted empty rows is not too long.
    if (rows.length > limits.maxRows) return "tooManyRows";
  }
  if (!inOrder) rows.sort((a, b) => a.line - b.line);
  return spreadMerges(sheet, rows);
}

/** Decodes a CSV: UTF-8 with or without its BOM, or UTF-16 with its BOM (Excel's "Unicode text"); null for anything else. */
function decodeCsv(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

/** The separator of a CSV: comma, semicolon or tab, whichever the first lines (title rows included) use most. */
function delimiterOf(text: string) {
  const head = text.slice(0, 20_000).split("\n", 25).join("\n");
  const counts = [",", ";", "\t"].map((delimiter) => [delimiter, head.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Splits CSV text into records (RFC 4180: quoted cells may hold separators, quotes and line
 * breaks), each with the line it starts on, one at a time so that a file too long stops being
 * read at the limit. Written out rather than through a CSV library: lines without quotes, nearly
 * all of them, are split directly, ten times faster on 100,000 rows.
 */
function* splitCsv(text: string, delimiter: string): Generator<SheetRow> {
  let at = 0;
  let line = 1;
  let quote = text.indexOf('"');
  while (at < text.length) {
    const newline = text.indexOf("\n", at);
    const end = newline === -1 ? text.length : newline;
    const start = line;
    if (quote !== -1 && quote < at) quote = text.indexOf('"', at);
    if (quote === -1 || quote > end) {
      yield { line: start, cells: text.slice(at, text[end - 1] === "\r" ? end - 1 : end).split(delimiter) };
      at = end + 1;
      line++;
      continue;
    }
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    let index = at;
    for (; index < text.length; index++) {
      const char = text[index];
      if (quoted) {
        if (char !== '"') {
          if (char === "\n") line++;
          cell += char;
        } else if (text[index + 1] === '"') {
          cell += '"';
          index++;
        } else quoted = false;
      } else if (char === '"' && cell.trim() === "") {
        quoted = true;
        cell = "";
      } else if (char === delimiter) {
        cells.push(cell);
        cell = "";
      } else if (char === "\n") break;
      else if (char !== "\r") cell += char;
    }
    cells.push(cell);
    yield { line: start, cells };
    at = index + 1;
    line++;
  }
}

function readCsv(bytes: Uint8Array, limits: SheetLimits): SheetRow[] | SheetProblem {
  const decoded = decodeCsv(bytes);
  if (decoded === null) return "encoding";
  if (decoded.includes("\0")) return "unreadable";
  // One NFC pass over the whole text costs far less than one per cell.
  const text = decoded.normalize("NFC");
  const rows: SheetRow[] = [];
  for (const { line, cells } of splitCsv(text, delimiterOf(text))) {
    const clean = cells.map(cleanText);
    // Excel writes ",,,," for rows that are formatted but empty.
    if (!clean.some((cell) => cell !== "")) continue;
    rows.push({ line, cells: clean });
    if (rows.length > limits.maxRows) return "tooManyRows";
  }
  return rows;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads a sheet, CSV (UTF-8, comma, semicolon or tab separated, as Excel saves it) or Excel (.xlsx,
 * first sheet), as its rows with something in them, cells as clean text, within the caller's limits.
 * Which row is the header is the caller's to find.
 */
export async function readSheet(bytes: Uint8Array, limits: SheetLimits): Promise<ReadSheet> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (bytes.byteLength > limits.maxBytes) return { ok: false, problem: "tooBig" };
  const isZip = ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte);
  if (isZip) {
    const within = await unpacksWithin(bytes, limits.maxUnpackedBytes);
    if (within === null) return { ok: false, problem: "unreadable" };
    if (!within) return { ok: false, problem: "tooBig" };
  }
  const rows = isZip ? readXlsx(bytes, limits) : readCsv(bytes, limits);
  if (typeof rows === "string") return { ok: false, problem: rows };
  if (rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > limits.maxRows) return { ok: false, problem: "tooManyRows" };
  return { ok: true, rows };
}
