import { describe, expect, test } from "vitest";

import { formerWardGroup, unitLabelOn } from "./unit-labels";

const VAN_PHUC = { name: "Vạn Phúc", validFrom: new Date("2021-01-01T00:00:00+07:00"), validTo: new Date("2025-07-01T00:00:00+07:00") };
const DUONG_NOI = { name: "Dương Nội", validFrom: new Date("2025-07-01T00:00:00+07:00"), validTo: null };
const on = (day: string) => new Date(`${day}T12:00:00+07:00`);

describe("a unit's name in a list drawn for a date", () => {
  test("a former ward says until when it was in force, in both languages", () => {
    expect(unitLabelOn("vi", VAN_PHUC, on("2026-01-15"))).toBe("Vạn Phúc (cũ, đến 30/6/2025)");
    expect(unitLabelOn("en", VAN_PHUC, on("2026-01-15"))).toBe("Vạn Phúc (former, until 30/6/2025)");
  });

  test("a ward in force on the date is shown by its name alone", () => {
    expect(unitLabelOn("vi", VAN_PHUC, on("2025-06-30"))).toBe("Vạn Phúc");
    expect(unitLabelOn("vi", DUONG_NOI, on("2025-07-01"))).toBe("Dương Nội");
  });

  test("a ward not yet created on the date says since when, so it is not taken for the old ward of its name", () => {
    expect(unitLabelOn("vi", DUONG_NOI, on("2024-06-01"))).toBe("Dương Nội (mới, từ 1/7/2025)");
    expect(unitLabelOn("en", DUONG_NOI, on("2024-06-01"))).toBe("Dương Nội (new, from 1/7/2025)");
  });
});

describe("the former wards of a picker", () => {
  test("a whole ward leads to its successor, a split ward to each of them", () => {
    const group = formerWardGroup("vi", [
      {
        name: "Mộ Lao",
        successors: [
          { id: "hd", name: "Hà Đông", level: "ward" },
          { id: "dm", name: "Đại Mỗ", level: "ward" },
        ],
      },
      { name: "Vạn Phúc", successors: [{ id: "hd", name: "Hà Đông", level: "ward" }] },
      { name: "Dương Nội", successors: [{ id: "ak", name: "An Khánh", level: "commune" }] },
    ]);
    expect(group.options).toEqual([
      { value: "hd", label: "Mộ Lao → nay thuộc phường Hà Đông" },
      { value: "dm", label: "Mộ Lao → nay thuộc phường Đại Mỗ" },
      { value: "hd", label: "Vạn Phúc → nay thuộc phường Hà Đông" },
      { value: "ak", label: "Dương Nội → nay thuộc xã An Khánh" },
    ]);
    expect(formerWardGroup("en", [{ name: "Vạn Phúc", successors: [{ id: "hd", name: "Hà Đông", level: "ward" }] }]).options[0]!.label).toBe("Vạn Phúc → now part of Hà Đông ward");
  });
});
