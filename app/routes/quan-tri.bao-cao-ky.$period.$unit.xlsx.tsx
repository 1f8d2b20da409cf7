import type { LoaderFunctionArgs } from "@remix-run/node";

import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { requireAdmin } from "#app/utils/auth.server";
import { requireFrozenReport } from "#app/utils/frozen-report.server";
import { ACTIVITY_HEADER } from "#app/utils/report-document";
import { spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** The frozen report's tables as one Excel sheet: indicators, then activities, then adjustments. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { report, snapshot, document } = await requireFrozenReport(request, admin, params);
  const lang = await getLang(request);
  const gap = [""];
  return spreadsheetResponse("xlsx", {
    fileName: `bao-cao-${report.code}-${snapshot.unitCode}-v${snapshot.version}`,
    title: `${document.title} ${document.subject}`,
    facts: [
      [document.issuer.join(" "), document.placeAndDate],
      [translate(lang, "reports.version", { version: snapshot.version }), document.basis],
      ...(document.targetsNote ? [["", document.targetsNote] as [string, string]] : []),
    ],
    extractedAtLabel: translate(lang, "coverage.extractedAt"),
    header: document.figureHeader,
    rows: [
      ...document.data.figures,
      gap,
      [document.sections.activities],
      ACTIVITY_HEADER,
      ...document.data.activities,
      gap,
      [document.sections.adjustments],
      ...(document.adjustmentRows.length > 0 ? [document.adjustmentHeader, ...document.data.adjustments] : [[document.noAdjustments]]),
    ],
  });
}
