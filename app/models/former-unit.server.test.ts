import { describe, expect, test } from "vitest";

import { createReorganisedArea } from "#tests/fixtures/units";

import { formerWardsInScope, searchFormerWards } from "./former-unit.server";

const TODAY = new Date("2026-01-15T12:00:00+07:00");

describe("people who know only their old ward", () => {
  test("typing a former ward's name, with or without diacritics, leads to the ward that holds it now", async () => {
    const area = await createReorganisedArea();
    const mine = async (text: string, now = TODAY) =>
      (await searchFormerWards(text, now))
        .map((former) => ({ name: former.name, successors: former.successors.filter((successor) => successor.path.startsWith(area.city.path)).map((successor) => successor.name) }))
        .filter((former) => former.successors.length > 0);
    expect(await mine("Phường Một")).toEqual([{ name: "Phường Một", successors: ["Phường Bắc"] }]);
    expect(await mine("phuong mot")).toEqual([{ name: "Phường Một", successors: ["Phường Bắc"] }]);
    expect(await mine("một")).toEqual([{ name: "Phường Một", successors: ["Phường Bắc"] }]);
  });

  test("a split ward offers every successor, the primary first, and a ward merged before the split leads to them too", async () => {
    const area = await createReorganisedArea();
    const successorsOf = async (text: string, now = TODAY) =>
      (await searchFormerWards(text, now)).flatMap((former) =>
        former.successors.filter((successor) => successor.path.startsWith(area.city.path)).map((successor) => successor.name),
      );
    expect(await successorsOf("Phường Hai")).toEqual(["Phường Bắc", "Phường Nam"]);
    expect(await successorsOf("Ba")).toEqual(["Phường Bắc", "Phường Nam"]);
    // Between the merger and the split, Phường Ba leads to Phường Hai, then in force; Phường Hai is no former ward yet.
    expect(await successorsOf("Ba", new Date("2025-03-01T12:00:00+07:00"))).toEqual(["Phường Hai"]);
    expect(await successorsOf("Hai", new Date("2025-03-01T12:00:00+07:00"))).toEqual([]);
  });

  test("a ward admin's picker offers the former wards only towards their own ward", async () => {
    const area = await createReorganisedArea();
    const south = await formerWardsInScope(area.southWard.path, TODAY);
    expect(south.map((former) => [former.name, former.successors.map((successor) => successor.name)])).toEqual([
      ["Phường Ba", ["Phường Nam"]],
      ["Phường Hai", ["Phường Nam"]],
    ]);
  });
});
