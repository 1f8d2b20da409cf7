import { describe, expect, test } from "vitest";

import { formatPhone, maskPhone, normalisePhone, readPhone } from "./phone";

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

describe("readPhone", () => {
  test("an old 11-digit mobile number is read as its 2018 10-digit number, and says so", () => {
    expect(readPhone("0162 345 6789")).toEqual({ phone: "+84323456789", converted: true, restoredZero: false });
    expect(readPhone("+84 120 123 4567")).toEqual({ phone: "+84701234567", converted: true, restoredZero: false });
    expect(readPhone("0129 822 2888")?.phone).toBe("+84828222888");
    expect(readPhone("0186 123 4567")?.phone).toBe("+84561234567");
  });

  test("a number a spreadsheet kept without its leading 0 gets it back, and says so", () => {
    expect(readPhone("912345678")).toEqual({ phone: "+84912345678", converted: false, restoredZero: true });
    expect(readPhone("1621234567")).toEqual({ phone: "+84321234567", converted: true, restoredZero: true });
    expect(readPhone("12345678")).toBeNull();
  });
});

describe("masked phones", () => {
  test("a list shows the first four and the last three digits only", () => {
    expect(maskPhone("+84901234003")).toBe("0901 *** 003");
    expect(maskPhone("+842433525662")).toBe("0243 *** 662");
  });
});
