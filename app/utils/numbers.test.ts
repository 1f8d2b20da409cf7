import { describe, expect, test } from "vitest";

import { translate } from "#app/i18n/messages";

import { formatNumber, formatPercent } from "./numbers";

describe("numbers follow the page's language", () => {
  test("Vietnamese groups thousands with a dot, English with a comma", () => {
    expect(formatNumber(1234)).toBe("1.234");
    expect(formatNumber(1_234_567)).toBe("1.234.567");
    expect(formatNumber(12)).toBe("12");
    expect(formatNumber(1234, "en")).toBe("1,234");
  });

  test("percentages use a decimal comma in Vietnamese, a point in English, and at most one decimal", () => {
    expect(formatPercent(37.5)).toBe("37,5%");
    expect(formatPercent(66.666)).toBe("66,7%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(37.5, "en")).toBe("37.5%");
  });

  test("a message writes its numbers in its language, and a year as it is", () => {
    expect(translate("vi", "trend.summary", { name: "Cán bộ phường được tập huấn", rate: 37.5, month: "03/2026", target: 90 })).toBe(
      "Cán bộ phường được tập huấn: đạt 37,5% (tháng 03/2026), mục tiêu 90%",
    );
    expect(translate("en", "trend.summary", { name: "Ward officials trained", rate: 37.5, month: "03/2026", target: 90 })).toBe(
      "Ward officials trained: 37.5% (03/2026), target 90%",
    );
    expect(translate("vi", "notReached.count", { count: 1234 })).toBe("1.234 chưa đạt");
    expect(translate("vi", "reports.kind.year", { year: 2026 })).toBe("Năm 2026");
  });
});
