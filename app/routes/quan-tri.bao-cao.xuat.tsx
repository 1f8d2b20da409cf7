import type { LoaderFunctionArgs } from "@remix-run/node";

import { STATUS_LABEL } from "#app/components/coverage-figure";
import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { findPeriod, getCoverage, periodAt } from "#app/models/coverage.server";
import { getUnitPath } from "#app/models/unit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { toCsv } from "#app/utils/csv";
import { formatDate } from "#app/utils/dates";

/** The overview as CSV an official can send upward as it is: the admin's scope only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const period = findPeriod(new URL(request.url).searchParams.get("ky")) ?? periodAt(new Date());
  const [lang, { path }] = await Promise.all([getLang(request), getUnitPath(admin.unitId)]);
  const coverage = await getCoverage(path, period);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const line = (ward: string, cells: typeof coverage.totals) =>
    coverage.indicators.map((indicator, index) => {
      const cell = cells[index]!;
      return [ward, indicator.code, indicator[lang], cell.population, cell.reached, cell.rate, cell.target, cell.gap, t(STATUS_LABEL[cell.status]!)];
    });
  const rows = [
    [t("coverage.title")],
    [t("coverage.period"), period.code],
    [t("coverage.extractedAt"), `${formatDate(new Date())} ${new Date().toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}`],
    [],
    [
      t("form.ward"),
      t("coverage.indicator"),
      t("coverage.indicatorName"),
      t("coverage.population"),
      t("coverage.reached"),
      t("coverage.rate"),
      t("coverage.targetHeader"),
      t("coverage.gap"),
      t("coverage.status"),
    ],
    ...coverage.rows.flatMap((row) => line(row.ward.name, row.cells)),
    ...(coverage.rows.length > 1 ? line(t("coverage.total"), coverage.totals) : []),
  ];
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bao-cao-bao-phu-${period.code}.csv"`,
    },
  });
}
