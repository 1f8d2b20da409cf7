import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { CoverageFigure } from "#app/components/coverage-figure";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ExportLinks } from "#app/components/export-links";
import { TargetsNote } from "#app/components/targets-note";
import { TrendChart } from "#app/components/trend-chart";
import { TableScroll } from "#app/components/table-scroll";
import { getProgramme, planSpan, targetsNoteOf } from "#app/content/programme.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getCoverage, reportPeriod } from "#app/models/coverage.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, isoDay, monthOf } from "#app/utils/dates";
import { readReportRequest, refusedDayMessage } from "#app/utils/report-query.server";
import { reportRowNames } from "#app/utils/unit-rows.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "coverage.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportRequest(request);
  const period = reportPeriod(query.periodCode);
  const [lang, coverage] = await Promise.all([getLang(request), getCoverage(admin.unitPath, period, new Date(), query.unitsOn)]);
  const unitsOn = isoDay(coverage.unitsOn);
  const names = await reportRowNames(
    lang,
    coverage.rows.map((row) => row.ward),
    coverage.unitsOn,
  );
  const span = planSpan();
  return json(
    {
      period: period.code,
      /** Why the date asked for was refused, and which dates are valid */
      refused: refusedDayMessage(lang, query.refusedDay),
      unitsOnSpan: { min: isoDay(span.start), max: isoDay(span.end) },
      targetsNote: targetsNoteOf(period, lang),
      unitsOn,
      /** The query that keeps the period and the units on every link out of the page */
      view: new URLSearchParams({ ky: period.code, "don-vi": unitsOn }).toString(),
      periods: getProgramme().periods.map((candidate) => candidate.code),
      asOf: formatDate(coverage.asOf),
      indicators: coverage.indicators.map((indicator) => ({ code: indicator.code, label: indicator[lang], short: indicator.short[lang], target: indicator.target })),
      rows: coverage.rows.map((row) => ({ code: row.ward.code, name: names.get(row.ward.id) ?? row.ward.name, cells: row.cells, contacted: row.contacted })),
      totals: coverage.totals,
      contactedTotals: coverage.contactedTotals,
      /** Units created after the date: counted in the totals, without a row */
      createdLater: coverage.createdLater.length > 0 ? { date: formatDate(coverage.unitsOn), names: coverage.createdLater.join(", ") } : null,
      showTotals: coverage.rows.length > 1 || coverage.createdLater.length > 0,
      trends: coverage.trends,
      monthsInPeriod: coverage.monthsInPeriod,
      endMonth: monthOf(period.end),
    },
    { status: query.refusedDay ? 400 : 200 },
  );
}

export default function CoverageOverviewPage() {
  const t = useT();
  const {
    period,
    refused,
    unitsOnSpan,
    targetsNote,
    unitsOn,
    view,
    periods,
    asOf,
    indicators,
    rows,
    totals,
    contactedTotals,
    createdLater,
    showTotals,
    trends,
    monthsInPeriod,
    endMonth,
  } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("coverage.title")}</h1>
      <Form method="get" className="period-form">
        <label htmlFor="period">{t("coverage.period")}</label>
        <select id="period" name="ky" defaultValue={period}>
          {periods.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <label htmlFor="units-on">{t("coverage.unitsOn")}</label>
        <input
          id="units-on"
          type="date"
          name="don-vi"
          defaultValue={unitsOn}
          min={unitsOnSpan.min}
          max={unitsOnSpan.max}
          aria-invalid={refused ? true : undefined}
          aria-describedby={refused ? "units-on-hint units-on-refused" : "units-on-hint"}
        />
        <button type="submit" className="button">
          {t("coverage.show")}
        </button>
        <p id="units-on-hint" className="muted">
          {t("coverage.unitsOnHint")}
        </p>
        {refused ? (
          <p id="units-on-refused" className="field__error" role="alert">
            {refused}
          </p>
        ) : null}
      </Form>
      <p>{t("coverage.asOf", { date: asOf })}</p>
      <ExportLinks path="/quan-tri/bao-cao/xuat" />
      <ul className="indicator-legend">
        {indicators.map((indicator) => (
          <li key={indicator.code}>
            <strong>{indicator.short}</strong> <small className="indicator-code">{indicator.code}</small>: {indicator.label} ({t("coverage.target", { target: indicator.target })})
          </li>
        ))}
      </ul>
      <TableScroll label={t("coverage.caption", { period })}>
        <table className="coverage">
          <caption>{t("coverage.caption", { period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("form.ward")}</th>
              {indicators.map((indicator) => (
                <th key={indicator.code} scope="col">
                  <Link to={`/quan-tri/bao-cao/chi-tieu/${indicator.code}?${view}`}>
                    {indicator.short} <small className="indicator-code">{indicator.code}</small>
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  <Link to={`/quan-tri/bao-cao/${row.code}?${view}`}>{row.name}</Link>
                </th>
                {row.cells.map((cell, index) => (
                  <td key={indicators[index]?.code} className={`coverage__cell coverage__cell--${cell.status}`}>
                    <CoverageFigure cell={cell} />
                    <ContactedLine count={row.contacted[index] ?? 0} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {showTotals ? (
            <tfoot>
              <tr>
                <th scope="row">{t("coverage.total")}</th>
                {totals.map((cell, index) => (
                  <td key={indicators[index]?.code} className={`coverage__cell coverage__cell--${cell.status}`}>
                    <CoverageFigure cell={cell} />
                    <ContactedLine count={contactedTotals[index] ?? 0} />
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </TableScroll>
      {createdLater ? <p className="muted">{t("coverage.createdLater", createdLater)}</p> : null}
      <TargetsNote note={targetsNote} />
      <h2>{t("trend.title")}</h2>
      <p className="muted">{t("trend.legend")}</p>
      <div className="trends">
        {indicators.map((indicator, index) => (
          <TrendChart
            key={indicator.code}
            code={indicator.code}
            short={indicator.short}
            label={indicator.label}
            target={indicator.target}
            points={trends[index] ?? []}
            monthsInPeriod={monthsInPeriod}
            endMonth={endMonth}
          />
        ))}
      </div>
    </section>
  );
}

/** How many of the people a cell has not reached the ward has contacted in the period (issue 22). */
function ContactedLine({ count }: { count: number }) {
  const t = useT();
  return <span className="coverage__contacted">{t("coverage.contactedCount", { count })}</span>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
