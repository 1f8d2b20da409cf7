import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";

import { STATUS_LABEL } from "#app/components/coverage-figure";
import { getLang } from "#app/i18n/lang.server";
import { translate, type MessageKey } from "#app/i18n/messages";
import { getCoverage, periodFromRequest, unitsOnFromRequest } from "#app/models/coverage.server";
import { getUnitPath } from "#app/models/unit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { toCsv } from "#app/utils/csv";
import { formatDate } from "#app/utils/dates";

/**
 * The overview as a file an official can send upward as it is (CSV, or Excel with
 * `?dinh-dang=xlsx`): the admin's scope only, Vietnamese headers, the period and the time of
 * extraction at the top.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const url = new URL(request.url);
  const period = periodFromRequest(request);
  const [lang, { path }] = await Promise.all([getLang(request), getUnitPath(admin.unitId)]);
  const coverage = await getCoverage(path, period, new Date(), unitsOnFromRequest(request));
  const t = (key: MessageKey) => translate(lang, key);
  const line = (ward: string, cells: typeof coverage.totals) =>
    coverage.indicators.map((indicator, index) => {
      const cell = cells[index]!;
      const source = t(cell.declared ? "coverage.source.declared" : "coverage.source.roster");
      const note = cell.counted ? t("coverage.counted") : "";
      return [ward, indicator.code, indicator[lang], cell.population, source, cell.reached, cell.rate, cell.target, cell.gap, t(STATUS_LABEL[cell.status]!), note];
    });
  const now = new Date();
  const preamble = [
    [t("coverage.title")],
    [t("coverage.period"), period.code],
    [t("coverage.unitsOn"), formatDate(coverage.unitsOn)],
    [t("coverage.extractedAt"), `${formatDate(now)} ${now.toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}`],
    [],
  ];
  const header = [
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
  ];
  const body = [
    ...coverage.rows.flatMap((row) => line(row.ward.name, row.cells)),
    ...(coverage.rows.length > 1 ? line(t("coverage.total"), coverage.totals) : []),
  ];
  const fileName = `bao-cao-bao-phu-${period.code}`;

  if (url.searchParams.get("dinh-dang") === "xlsx") {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(period.code);
    sheet.addRows([...preamble, header, ...body]);
    sheet.getRow(preamble.length + 1).font = { bold: true };
    sheet.columns.forEach((column, index) => {
      column.width = index === 2 ? 60 : 16;
    });
    const buffer = await workbook.xlsx.writeBuffer();
    return new Response(buffer, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${fileName}.xlsx"`,
      },
    });
  }
  return new Response(toCsv([...preamble, header, ...body]), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}.csv"` },
  });
}
