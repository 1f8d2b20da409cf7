import { describe, expect, test } from "vitest";

import { formatNumber, formatPercent } from "./numbers";

describe("Vietnamese number formats", () => {
  test("thousands are grouped with a dot", () => {
    expect(formatNumber(1234)).toBe("1.234");
    expect(formatNumber(1_234_567)).toBe("1.234.567");
    expect(formatNumber(12)).toBe("12");
  });

  test("percentages use a decimal comma and at most one decimal", () => {
    expect(formatPercent(37.5)).toBe("37,5%");
    expect(formatPercent(66.666)).toBe("66,7%");
    expect(formatPercent(100)).toBe("100%");
  });
});
