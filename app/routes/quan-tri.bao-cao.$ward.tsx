import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { CoverageFigure } from "#app/components/coverage-figure";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findPeriod, getCoverage, periodAt } from "#app/models/coverage.server";
import { requireUnitInScope } from "#app/models/unit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "coverage.wardTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const ward = await requireUnitInScope(admin, params.ward ?? "");
  const period = findPeriod(new URL(request.url).searchParams.get("ky")) ?? periodAt(new Date());
  const [lang, coverage] = await Promise.all([getLang(request), getCoverage(ward.path, period)]);
  return {
    ward: ward.name,
    period: period.code,
    asOf: formatDate(coverage.asOf),
    indicators: coverage.indicators.map((indicator, index) => ({
      code: indicator.code,
      label: indicator[lang],
      cell: coverage.totals[index]!,
    })),
  };
}

export default function WardCoveragePage() {
  const t = useT();
  const { ward, period, asOf, indicators } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/quan-tri/bao-cao?ky=${period}`}>← {t("coverage.title")}</Link>
      </p>
      <h1>
        {t("coverage.wardTitle")}: {ward}
      </h1>
      <p>{t("coverage.asOf", { date: asOf })} · {period}</p>
      <div className="table-scroll">
        <table className="coverage coverage--ward">
          <thead>
            <tr>
              <th scope="col">{t("coverage.indicator")}</th>
              <th scope="col">{t("coverage.figure")}</th>
              <th scope="col">{t("coverage.targetHeader")}</th>
              <th scope="col">{t("coverage.gap")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.code}>
                <th scope="row">
                  <strong>{indicator.code}</strong> {indicator.label}
                </th>
                <td className={`coverage__cell coverage__cell--${indicator.cell.status}`}>
                  <CoverageFigure cell={indicator.cell} />
                </td>
                <td>{indicator.cell.target}%</td>
                <td>{indicator.cell.gap}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
