import { describe, expect, test } from "vitest";

import { loadUnits, parseUnits } from "./units.server";

describe("content/units.yml", () => {
  test("holds the 17 wards of the 2021 plan and sends every abolished ward somewhere", () => {
    const { units, crosswalk } = loadUnits();
    const wardsOf2021 = units.filter((unit) => unit.parent === "HN-HD");
    expect(wardsOf2021).toHaveLength(17);
    for (const ward of wardsOf2021) {
      expect(ward.validTo, ward.code).toBeDefined();
      expect(crosswalk.filter((line) => line.from === ward.code && line.primary), ward.code).toHaveLength(1);
    }
    // Dates are days in Hà Nội: the district ended at midnight of 1/7/2025 there.
    expect(units.find((unit) => unit.code === "HN-HD")?.validTo?.toISOString()).toBe("2025-06-30T17:00:00.000Z");
  });

  test("a wrong file fails with the line and the reason", () => {
    const base = `units:
  - { code: HN, name: Hà Nội, level: city, validFrom: 2021-01-01 }
  - { code: A, name: Phường A, level: ward, parent: HN, validFrom: 2021-01-01, validTo: 2025-07-01 }
  - { code: B, name: Phường B, level: ward, parent: HN, validFrom: 2025-07-01 }
crosswalk:
`;
    expect(() => parseUnits(`${base}  - { from: A, to: C, effectiveOn: 2025-07-01 }\n`, "units.yml")).toThrow(/crosswalk\.0\.to: unknown unit C/);
    expect(() =>
      parseUnits(`${base}  - { from: A, to: B, effectiveOn: 2025-07-01 }\n  - { from: A, to: HN, effectiveOn: 2025-07-01 }\n`, "units.yml"),
    ).toThrow(/A needs exactly one primary line \(has 2\)/);
    expect(() => parseUnits(base.replace("parent: HN, validFrom: 2025", "parent: X, validFrom: 2025"), "units.yml")).toThrow(
      /units\.2\.parent: parent X must be listed before B/,
    );
    expect(() => parseUnits(base.replace("validFrom: 2025-07-01 }", "validFrom: 1/7/2025 }"), "units.yml")).toThrow(/yyyy-mm-dd/);
  });
});
