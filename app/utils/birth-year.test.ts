import { describe, expect, test } from "vitest";

import { translate } from "#app/i18n/messages";

import { optionalBirthYearField } from "./forms";

describe("a year of birth typed in a form", () => {
  test("is optional, four digits from 1900 to this year, and refused otherwise with a Vietnamese message", () => {
    const thisYear = new Date().getFullYear();
    expect(optionalBirthYearField.parse(undefined)).toBeNull();
    expect(optionalBirthYearField.parse("  ")).toBeNull();
    expect(optionalBirthYearField.parse(" 1978 ")).toBe(1978);
    expect(optionalBirthYearField.parse(String(thisYear))).toBe(thisYear);
    for (const typed of ["78", "1899", String(thisYear + 1), "19a8", "1978.5"]) {
      const parsed = optionalBirthYearField.safeParse(typed);
      expect(parsed.success, typed).toBe(false);
      expect(translate("vi", parsed.error!.issues[0]!.message as "form.birthYear.invalid")).toBe(
        "Năm sinh không hợp lệ. Hãy nhập năm có 4 chữ số, từ 1900 đến năm nay, ví dụ 1978.",
      );
    }
  });
});
