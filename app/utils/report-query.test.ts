import { describe, expect, test } from "vitest";

import { readReportQuery } from "./report-query";

const NOW = new Date("2026-03-10T08:00:00+07:00");

describe("the query of a report page", () => {
  test("reads the period, the units' date (noon in Hà Nội), the ward, the search and the page", () => {
    const query = readReportQuery(new URLSearchParams("ky=2021-2025&don-vi=2025-06-30&phuong=w1&q=lan&page=3"), NOW);

    expect(query).toEqual({
      periodCode: "2021-2025",
      unitsOn: new Date("2025-06-30T12:00:00+07:00"),
      wardCode: "w1",
      q: "lan",
      page: 3,
    });
  });

  test("an empty or hand-mangled address falls back to the defaults", () => {
    expect(readReportQuery(new URLSearchParams(""), NOW)).toEqual({ periodCode: null, unitsOn: NOW, wardCode: null, q: "", page: 1 });
    expect(readReportQuery(new URLSearchParams("don-vi=2025-02-31&page=-4"), NOW)).toMatchObject({ unitsOn: NOW, page: 1 });
  });
});
