import ExcelJS from "exceljs";

import { toCsv } from "../csv";
import { formatDate, formatTime } from "../dates";
import { foldForSearch } from "../search";

type Cell = string | number;

export type Sheet = {
  /** File name without extension, ASCII: the browser saves it as it is */
  fileName: string;
  title: string;
  /** Label and value lines above the table (period, units, ...); the time of extraction is added */
  facts: [label: string, value: string][];
  extractedAtLabel: string;
  header: string[];
  rows: Cell[][];
  /** Lines under the table, after an empty line: what a reader must know about the figures */
  notes?: string[];
};

// An export holds names and phones: no browser or proxy keeps a copy (a ward office's shared computer).
const NOT_STORED = "no-store";

/** A file name that names the filters the file holds, in ASCII: 18 rows must not pass for the whole list of 222. */
export function filteredFileName(base: string, filters: (string | null | undefined)[]) {
  const filter = foldForSearch(filters.filter(Boolean).join(" "))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return filter ? `${base}-${filter}` : base;
}

/** The format an export link asks for: Excel with `?dinh-dang=xlsx`, CSV otherwise. */
export function exportFormat(request: Request) {
  return new URL(request.url).searchParams.get("dinh-dang") === "xlsx" ? "xlsx" : "csv";
}

/**
 * A table as a file an official can send upward as it is: CSV (UTF-8 with a byte-order mark, so
 * Excel opens Vietnamese correctly) or an Excel workbook. Both carry the title, the facts and the
 * time of extraction above the header row, and any notes under the table.
 */
export async function spreadsheetResponse(format: "csv" | "xlsx", sheet: Sheet) {
  const now = new Date();
  const extractedAt = `${formatDate(now)} ${formatTime(now)}`;
  const preamble: Cell[][] = [[sheet.title], ...sheet.facts, [sheet.extractedAtLabel, extractedAt], []];
  const notes: Cell[][] = sheet.notes?.length ? [[], ...sheet.notes.map((note) => [note])] : [];
  if (format === "xlsx") {
    const workbook = new ExcelJS.Workbook();
    // Excel refuses these characters and more than 31 of them in a sheet's name.
    const worksheet = workbook.addWorksheet(
      sheet.title
        .replace(/[*?:\\/[\]]/g, " ")
        .slice(0, 31)
        .trim(),
    );
    worksheet.addRows([...preamble, sheet.header, ...sheet.rows, ...notes]);
    worksheet.getRow(preamble.length + 1).font = { bold: true };
    // Figures stay numbers Excel can add up; the format groups thousands and shows a rate's decimal,
    // each drawn with the reader's own Excel separators (1.234 and 37,5 in a Vietnamese Excel).
    worksheet.eachRow((row, rowNumber) => {
      if (rowNumber <= preamble.length + 1) return;
      row.eachCell((cell) => {
        if (typeof cell.value === "number") cell.numFmt = Number.isInteger(cell.value) ? "#,##0" : "#,##0.0";
      });
    });
    worksheet.columns.forEach((column, index) => {
      const widest = Math.max(...sheet.rows.slice(0, 200).map((row) => String(row[index] ?? "").length), sheet.header[index]?.length ?? 0);
      column.width = Math.min(60, Math.max(12, widest + 2));
    });
    return new Response(await workbook.xlsx.writeBuffer(), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${sheet.fileName}.xlsx"`,
        "Cache-Control": NOT_STORED,
      },
    });
  }
  return new Response(toCsv([...preamble, sheet.header, ...sheet.rows, ...notes]), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${sheet.fileName}.csv"`, "Cache-Control": NOT_STORED },
  });
}
