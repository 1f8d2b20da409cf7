import { planSpan } from "#app/content/programme.server";
import type { Lang } from "#app/i18n/lang";
import { translate } from "#app/i18n/messages";
import { shortDay } from "#app/i18n/unit-labels";

import { startOfDay } from "./dates";
import { badRequestBecause } from "./http.server";
import { readReportQuery } from "./report-query";

/** A report page's query, with the units' date held to the plan's periods. */
export function readReportRequest(request: Request, now = new Date()) {
  return readReportQuery(new URL(request.url).searchParams, now, planSpan());
}

/** Why a units' date was refused, naming the dates that are valid; null when it was not. */
export function refusedDayMessage(lang: Lang, refusedDay: string | null) {
  if (!refusedDay) return null;
  const span = planSpan();
  return translate(lang, "coverage.unitsOnRefused", { date: shortDay(startOfDay(refusedDay)), first: shortDay(span.start), last: shortDay(span.end) });
}

/** For a file or a page without the date switch: a date outside the plan is answered 400, with the valid dates. */
export function refuseDayOutsidePlan(refusedDay: string | null) {
  if (refusedDay) throw badRequestBecause(`${refusedDayMessage("vi", refusedDay)}\n${refusedDayMessage("en", refusedDay)}`);
}
