import { describe, expect, test } from "vitest";

import { loadUnits, parseUnits } from "./units.server";

/** Each old unit's successors in the real file, primary first: "HN-HA-DONG k43 whole". */
function successorsOf(code: string) {
  const { crosswalk } = loadUnits();
  return crosswalk
    .filter((line) => line.from === code)
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((line) => `${line.to} k${line.clause ?? "-"}${line.whole ? " whole" : ""}`);
}

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

  test("follows NQ 1656 article 1 clause by clause, with the primary successor chosen by the sheet's rule", () => {
    // Whole wards.
    expect(successorsOf("HD-PHUC-LA")).toEqual(["HN-HA-DONG k43 whole"]);
    expect(successorsOf("HD-VAN-PHUC")).toEqual(["HN-HA-DONG k43 whole"]);
    expect(successorsOf("HD-BIEN-GIANG")).toEqual(["HN-CHUONG-MY k49 whole"]);
    expect(successorsOf("HD-PHU-LAM")).toEqual(["HN-PHU-LUONG k46 whole"]);
    // The seven wards the earlier (VietMap) table had wrong.
    expect(successorsOf("HD-MO-LAO")).toEqual(["HN-HA-DONG k43", "HN-DAI-MO k38"]);
    expect(successorsOf("HD-QUANG-TRUNG")).toEqual(["HN-HA-DONG k43", "HN-KIEN-HUNG k47"]);
    expect(successorsOf("HD-KIEN-HUNG")).toEqual(["HN-KIEN-HUNG k47", "HN-PHU-LUONG k46", "HN-DAI-THANH k53"]);
    expect(successorsOf("HD-PHU-LA")).toEqual(["HN-DUONG-NOI k44", "HN-KIEN-HUNG k47"]);
    expect(successorsOf("HD-DUONG-NOI")).toEqual(["HN-DUONG-NOI k44", "HN-TAY-MO k37", "HN-DAI-MO k38", "HN-AN-KHANH k105"]);
    expect(successorsOf("HD-DONG-MAI")).toEqual(["HN-YEN-NGHIA k45", "HN-CHUONG-MY k49"]);
    expect(successorsOf("HD-PHU-LUONG")).toEqual(["HN-PHU-LUONG k46", "HN-KIEN-HUNG k47", "HN-BINH-MINH k65"]);
    // The other splits.
    expect(successorsOf("HD-HA-CAU")).toEqual(["HN-HA-DONG k43", "HN-KIEN-HUNG k47"]);
    expect(successorsOf("HD-LA-KHE")).toEqual(["HN-HA-DONG k43", "HN-DUONG-NOI k44"]);
    expect(successorsOf("HD-VAN-QUAN")).toEqual(["HN-HA-DONG k43", "HN-THANH-LIET k48"]);
    expect(successorsOf("HD-YEN-NGHIA")).toEqual(["HN-YEN-NGHIA k45", "HN-DUONG-NOI k44"]);
    // Every line of 1/7/2025 from a ward cites its clause.
    const { crosswalk } = loadUnits();
    expect(crosswalk.filter((line) => line.from.startsWith("HD-") && line.effectiveOn.toISOString().startsWith("2025-06-30") && !line.clause)).toEqual([]);
  });

  test("lists the units outside the area that took part of it, communes as communes", () => {
    const { units } = loadUnits();
    const outside = ["HN-TAY-MO", "HN-DAI-MO", "HN-THANH-LIET", "HN-CHUONG-MY", "HN-DAI-THANH", "HN-BINH-MINH", "HN-AN-KHANH"];
    expect(outside.map((code) => units.find((unit) => unit.code === code)?.level)).toEqual(["ward", "ward", "ward", "ward", "commune", "commune", "commune"]);
  });
});

describe("the crosswalk check refuses a broken file with the rule it breaks", () => {
  const file = (crosswalk: string, extraUnits = "") => `units:
  - { code: HN, name: Hà Nội, level: city, validFrom: 2021-01-01 }
  - { code: A, name: Phường A, level: ward, parent: HN, validFrom: 2021-01-01, validTo: 2025-07-01 }
  - { code: B, name: Phường B, level: ward, parent: HN, validFrom: 2025-07-01 }
  - { code: C, name: Phường C, level: ward, parent: HN, validFrom: 2025-07-01 }
${extraUnits}crosswalk:
${crosswalk}`;
  const refusal = (source: string) => {
    try {
      parseUnits(source, "units.yml");
    } catch (error) {
      return (error as Error).message;
    }
    return "accepted";
  };

  test("a sound file passes", () => {
    expect(refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01, clause: 43, whole: false }\n  - { from: A, to: C, effectiveOn: 2025-07-01, whole: false, primary: false }\n"))).toBe(
      "accepted",
    );
  });

  test("an unknown unit", () => {
    expect(refusal(file("  - { from: A, to: X, effectiveOn: 2025-07-01 }\n"))).toMatch(/crosswalk\.0\.to: unknown unit X/);
  });

  test("a unit that ended with no successor", () => {
    expect(refusal(file(""))).toMatch(/A ends on 2025-07-01 but has no successor/);
  });

  test("a split unit with no primary line, or two", () => {
    expect(
      refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01, whole: false, primary: false }\n  - { from: A, to: C, effectiveOn: 2025-07-01, whole: false, primary: false }\n")),
    ).toMatch(/A needs exactly one primary line \(has 0\)/);
    expect(refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01, whole: false }\n  - { from: A, to: C, effectiveOn: 2025-07-01, whole: false }\n"))).toMatch(
      /A needs exactly one primary line \(has 2\)/,
    );
  });

  test("a part of a split unit marked whole", () => {
    expect(refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01 }\n  - { from: A, to: C, effectiveOn: 2025-07-01, whole: false, primary: false }\n"))).toMatch(
      /A is split between 2 units, so no line of it can be whole/,
    );
  });

  test("a primary line that skips the successor of the same name", () => {
    const namesake = "  - { code: A2, name: Phường A, level: ward, parent: HN, validFrom: 2025-07-01 }\n";
    expect(
      refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01, whole: false }\n  - { from: A, to: A2, effectiveOn: 2025-07-01, whole: false, primary: false }\n", namesake)),
    ).toMatch(/A has a successor of the same name, A2, which must be its primary line/);
  });

  test("dates that do not agree", () => {
    expect(refusal(file("  - { from: A, to: B, effectiveOn: 2025-06-01 }\n"))).toMatch(/crosswalk\.0\.effectiveOn: A ends on 2025-07-01 but its line to B takes effect on 2025-06-01/);
    expect(refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01 }\n  - { from: B, to: C, effectiveOn: 2025-07-01 }\n"))).toMatch(
      /crosswalk\.1\.from: B is still in force \(no validTo\) but passes to C on 2025-07-01/,
    );
    const late = "  - { code: D, name: Phường D, level: ward, parent: HN, validFrom: 2026-01-01 }\n";
    expect(refusal(file("  - { from: A, to: D, effectiveOn: 2025-07-01 }\n", late))).toMatch(/crosswalk\.0\.to: D is not in force on 2025-07-01, when A passes to it/);
  });

  test("a cycle", () => {
    const loop = `  - { code: E, name: Phường E, level: ward, parent: HN, validFrom: 2021-01-01, validTo: 2025-07-01 }
  - { code: F, name: Phường F, level: ward, parent: HN, validFrom: 2021-01-01, validTo: 2025-07-01 }
`;
    expect(
      refusal(file("  - { from: A, to: B, effectiveOn: 2025-07-01 }\n  - { from: E, to: F, effectiveOn: 2025-07-01 }\n  - { from: F, to: E, effectiveOn: 2025-07-01 }\n", loop)),
    ).toMatch(/the lines go round in a cycle: E → F → E/);
  });

  test("a unit out of order or a date badly written", () => {
    const sound = "  - { from: A, to: B, effectiveOn: 2025-07-01 }\n";
    expect(refusal(file(sound).replace("parent: HN, validFrom: 2025-07-01 }\n  - { code: C", "parent: X, validFrom: 2025-07-01 }\n  - { code: C"))).toMatch(
      /units\.2\.parent: parent X must be listed before B/,
    );
    expect(refusal(file(sound).replace("validFrom: 2025-07-01 }", "validFrom: 1/7/2025 }"))).toMatch(/yyyy-mm-dd/);
  });
});
