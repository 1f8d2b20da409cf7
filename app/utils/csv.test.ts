import { expect, test } from "vitest";

import { toCsv } from "./csv";

/** The cells of a one-row CSV as a spreadsheet would read them (after the byte-order mark). */
function cellsOf(csv: string) {
  return csv.slice(1).replace(/\r\n$/, "");
}

test("text a spreadsheet would run as a formula is written as text", () => {
  for (const formula of ["=1+1", "+1+1", "-1+1", "@SUM(A1)"]) {
    expect(cellsOf(toCsv([[formula]]))).toBe(`'${formula}`);
  }
});

test("a leading tab or carriage return cannot hide a formula either", () => {
  expect(cellsOf(toCsv([['\t=HYPERLINK("http://evil.example")']]))).toBe(`"'\t=HYPERLINK(""http://evil.example"")"`);
  expect(cellsOf(toCsv([["\r=1+1"]]))).toBe(`"'\r=1+1"`);
  expect(cellsOf(toCsv([["\tchỉ là chữ"]]))).toBe(`'\tchỉ là chữ`);
});

test("numbers and ordinary text are written as they are", () => {
  expect(cellsOf(toCsv([[-5, "Nguyễn Văn A", "a, b"]]))).toBe(`-5,Nguyễn Văn A,"a, b"`);
});
