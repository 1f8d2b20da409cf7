import type { LoaderFunctionArgs } from "@remix-run/node";

import { targetsNoteOf } from "#app/content/programme.server";
import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { listNotReached, notReachedListFromRequest } from "#app/models/coverage.server";
import { rosterEntrySheet } from "#app/models/roster.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { exportFormat, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** Everyone an indicator has not reached yet, as the list page filters them, as CSV or Excel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { indicator, period, unitsOn, q, scope, ward } = await notReachedListFromRequest(request, admin, params.indicator);
  const [lang, { entries }] = await Promise.all([
    getLang(request),
    listNotReached(scope, indicator, period, { wardId: ward?.id ?? null, query: q, page: null }, unitsOn),
  ]);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  return spreadsheetResponse(exportFormat(request), {
    fileName: `chua-dat-${indicator.code}-${period.code}`,
    title: `${t("notReached.title")}: ${indicator.code}`,
    facts: [
      [t("coverage.indicatorName"), indicator[lang]],
      [t("coverage.period"), period.code],
      [t("coverage.unitsOn"), formatDate(unitsOn)],
      [t("form.ward"), ward?.name ?? t("notReached.allWards")],
    ],
    extractedAtLabel: t("coverage.extractedAt"),
    ...rosterEntrySheet(entries, lang),
    notes: [targetsNoteOf(period, lang)].filter((note) => note !== null),
  });
}
