import { describe, expect, test } from "vitest";

import { formatPhone, maskPhone, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  test("the same mobile number typed three ways is one person", () => {
    expect(normalisePhone("0912 345 678")).toBe("+84912345678");
    expect(normalisePhone("+84 912 345 678")).toBe("+84912345678");
    expect(normalisePhone("84912345678")).toBe("+84912345678");
  });

  test("dots, dashes and brackets are ignored", () => {
    expect(normalisePhone("0912.345.678")).toBe("+84912345678");
    expect(normalisePhone("(024) 3352-5662")).toBe("+842433525662");
  });

  test("numbers that are not Vietnamese phone numbers are refused", () => {
    for (const input of ["", "12345", "0912 345 67", "0112345678", "+1 415 555 0100", "abc0912345678", "09123456789"]) {
      expect(normalisePhone(input), input).toBeNull();
    }
  });
});

describe("formatPhone", () => {
  test("prints numbers the way people dial them at home", () => {
    expect(formatPhone("+84912345678")).toBe("0912 345 678");
    expect(formatPhone("+842433525662")).toBe("024 3352 5662");
  });
});

describe("masked phones", () => {
  test("a list shows the first four and the last three digits only", () => {
    expect(maskPhone("+84901234003")).toBe("0901 *** 003");
    expect(maskPhone("+842433525662")).toBe("0243 *** 662");
  });
});
