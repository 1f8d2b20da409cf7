import { DAY, isoDay, parseIsoDay } from "./dates";
import { readListQuery } from "./list-query";

/** The days a report may be drawn for: from the first period's start to the last one's end. */
export type PlanSpan = { start: Date; end: Date };

/**
 * What a report page's address asks for: the period's code (`?ky=2021-2025`, null for the one in
 * force), the date whose administrative units it is drawn for (`?don-vi=2025-06-30`, else now),
 * the ward to filter by (`?phuong=<ward code>`, as on the public registry) and a list's search and
 * page. Anything odd falls back to the default, as a hand-edited address should; a real day outside
 * the plan's periods is refused (`refusedDay`), since no unit of the plan's area is known there, and
 * the report is drawn for now.
 */
export function readReportQuery(searchParams: URLSearchParams, now = new Date(), span?: PlanSpan) {
  const day = parseIsoDay(searchParams.get("don-vi") ?? "");
  const outside = day !== null && span !== undefined && (day < span.start || day > span.end);
  return {
    periodCode: searchParams.get("ky"),
    // Noon, well inside the day whichever side of midnight a unit's change falls.
    unitsOn: day && !outside ? new Date(day.getTime() + DAY / 2) : now,
    refusedDay: outside ? isoDay(day) : null,
    wardCode: searchParams.get("phuong"),
    ...readListQuery(searchParams),
  };
}

export type ReportQuery = ReturnType<typeof readReportQuery>;
