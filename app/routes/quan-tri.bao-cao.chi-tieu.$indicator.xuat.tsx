import type { LoaderFunctionArgs } from "@remix-run/node";

import { targetsNoteOf } from "#app/content/programme.server";
import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { findNotReachedFrame, listNotReached } from "#app/models/coverage.server";
import { rosterEntrySheet } from "#app/components/roster-entry-sheet.server";
import { recordPersonalDataExport } from "#app/models/personal-data.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { formatNumber } from "#app/utils/numbers";
import { invariantResponse } from "#app/utils/http.server";
import { readReportRequest, refuseDayOutsidePlan } from "#app/utils/report-query.server";
import { exportFormat, filteredFileName, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** Everyone an indicator has not reached yet, as the list page filters them, as CSV or Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportRequest(request);
  refuseDayOutsidePlan(query.refusedDay);
  const frame = await findNotReachedFrame(admin.unitPath, params.indicator, query);
  invariantResponse(frame, 404);
  const { indicator, period, ward } = frame;
  const [lang, { entries }] = await Promise.all([
    getLang(request),
    listNotReached(admin.unitPath, indicator, period, { wardId: ward?.id ?? null, query: query.q, page: null }, query.unitsOn),
  ]);
  await recordPersonalDataExport(admin.id, {
    list: `not-reached:${indicator.code}`,
    filter: { period: period.code, ward: ward?.id ?? null, q: query.q, unitsOn: query.unitsOn.toISOString() },
    rows: entries.length,
  });
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  return spreadsheetResponse(exportFormat(request), {
    fileName: filteredFileName(`chua-dat-${indicator.code}-${period.code}`, [ward?.name, query.q]),
    title: `${t("notReached.title")}: ${indicator.code}${query.q ? ` (${t("export.filteredBy", { q: query.q })})` : ""}`,
    facts: [
      [t("coverage.indicatorName"), indicator[lang]],
      [t("coverage.period"), period.code],
      [t("coverage.unitsOn"), formatDate(query.unitsOn)],
      [t("form.ward"), ward?.name ?? t("notReached.allWards")],
      [t("export.search"), query.q || t("export.noSearch")],
      [t("export.rows"), formatNumber(entries.length)],
    ],
    extractedAtLabel: t("coverage.extractedAt"),
    ...rosterEntrySheet(entries, lang, query.unitsOn),
    notes: [targetsNoteOf(period, lang)].filter((note) => note !== null),
  });
}
