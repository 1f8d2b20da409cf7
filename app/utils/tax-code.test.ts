import { expect, test } from "vitest";

import { isTaxCode } from "./tax-code";

test("a tax code is ten digits, or ten and a branch's three after a hyphen", () => {
  expect(["0101234567", "0101234567-001"].every(isTaxCode)).toBe(true);
  expect(["010123456", "01012345678", "0101234567-01", "0101234567001", "010123456a"].some(isTaxCode)).toBe(false);
});
