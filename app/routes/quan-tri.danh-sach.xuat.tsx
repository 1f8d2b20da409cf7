import type { LoaderFunctionArgs } from "@remix-run/node";

import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { rosterEntrySheet } from "#app/components/roster-entry-sheet.server";
import { recordPersonalDataExport } from "#app/models/personal-data.server";
import { listRoster } from "#app/models/roster.server";
import { scopeOn } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseListQuery } from "#app/utils/list-query";
import { exportFormat, filteredFileName, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** The roster of the admin's scope, as the list page searches it, as CSV or Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q } = parseListQuery(request);
  const [lang, { entries }] = await Promise.all([getLang(request), listRoster(await scopeOn(admin.unitPath), q, null)]);
  await recordPersonalDataExport(admin.id, { list: "roster", filter: { q, scope: admin.unitPath }, rows: entries.length });
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(lang, key, params);
  // A searched file says so in its name and at its top, as the not-reached lists do.
  return spreadsheetResponse(exportFormat(request), {
    fileName: filteredFileName("danh-sach-doi-tuong", [q]),
    title: `${t("roster.exportTitle")}${q ? ` (${t("export.filteredBy", { q })})` : ""}`,
    facts: q ? [[t("users.search"), q]] : [],
    extractedAtLabel: t("coverage.extractedAt"),
    ...rosterEntrySheet(entries, lang),
  });
}
