function csvField(value: string | number) {
  const text = String(value);
  // Quote what CSV needs quoted, and neutralise text a spreadsheet would run as a formula; a
  // leading tab or carriage return is dropped by some spreadsheets, uncovering a formula behind it.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a byte-order mark, so that Excel opens Vietnamese text correctly. */
export function toCsv(rows: (string | number)[][]) {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
