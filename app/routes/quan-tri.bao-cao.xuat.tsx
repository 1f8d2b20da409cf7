import type { LoaderFunctionArgs } from "@remix-run/node";

import { STATUS_LABEL } from "#app/components/coverage-figure";
import { getLang } from "#app/i18n/lang.server";
import { translate, type MessageKey } from "#app/i18n/messages";
import { targetsNoteOf } from "#app/content/programme.server";
import { getCoverage, reportPeriod } from "#app/models/coverage.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { readReportRequest, refuseDayOutsidePlan } from "#app/utils/report-query.server";
import { reportRowNames } from "#app/utils/unit-rows.server";
import { exportFormat, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** The overview as CSV (or Excel with `?dinh-dang=xlsx`): the admin's scope only, Vietnamese headers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportRequest(request);
  refuseDayOutsidePlan(query.refusedDay);
  const period = reportPeriod(query.periodCode);
  const [lang, coverage] = await Promise.all([getLang(request), getCoverage(admin.unitPath, period, new Date(), query.unitsOn)]);
  const t = (key: MessageKey) => translate(lang, key);
  const names = await reportRowNames(
    lang,
    coverage.rows.map((row) => row.ward),
    coverage.unitsOn,
  );
  const line = (ward: string, cells: typeof coverage.totals) =>
    coverage.indicators.map((indicator, index) => {
      const cell = cells[index]!;
      const source = t(cell.declared ? "coverage.source.declared" : "coverage.source.roster");
      const note = cell.counted ? t("coverage.counted") : "";
      return [ward, indicator.code, indicator[lang], cell.population, source, cell.reached, cell.rate, cell.target, cell.gap, t(STATUS_LABEL[cell.status]!), note];
    });
  return spreadsheetResponse(exportFormat(request), {
    fileName: `bao-cao-bao-phu-${period.code}`,
    title: t("coverage.title"),
    facts: [
      [t("coverage.period"), period.code],
      [t("coverage.unitsOn"), formatDate(coverage.unitsOn)],
    ],
    extractedAtLabel: t("coverage.extractedAt"),
    header: [
      t("form.ward"),
      t("coverage.indicator"),
      t("coverage.indicatorName"),
      t("coverage.population"),
      t("coverage.populationSource"),
      t("coverage.reached"),
      t("coverage.rate"),
      t("coverage.targetHeader"),
      t("coverage.gap"),
      t("coverage.status"),
      t("coverage.note"),
    ],
    rows: [
      ...coverage.rows.flatMap((row) => line(names.get(row.ward.id) ?? row.ward.name, row.cells)),
      ...(coverage.rows.length > 1 ? line(t("coverage.total"), coverage.totals) : []),
    ],
    notes: [targetsNoteOf(period, lang)].filter((note) => note !== null),
  });
}
