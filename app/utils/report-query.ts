import { DAY, parseIsoDay } from "./dates";
import { readListQuery } from "./list-query";

/**
 * What a report page's address asks for: the period's code (`?ky=2021-2025`, null for the one in
 * force), the date whose administrative units it is drawn for (`?don-vi=2025-06-30`, else now),
 * the ward to filter by (`?phuong=<ward code>`, as on the public registry) and a list's search and page. Anything odd falls back to
 * the default, as a hand-edited address should.
 */
export function readReportQuery(searchParams: URLSearchParams, now = new Date()) {
  const day = parseIsoDay(searchParams.get("don-vi") ?? "");
  return {
    periodCode: searchParams.get("ky"),
    // Noon, well inside the day whichever side of midnight a unit's change falls.
    unitsOn: day ? new Date(day.getTime() + DAY / 2) : now,
    wardCode: searchParams.get("phuong"),
    ...readListQuery(searchParams),
  };
}

export type ReportQuery = ReturnType<typeof readReportQuery>;
