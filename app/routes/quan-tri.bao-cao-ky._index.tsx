import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { TableScroll } from "#app/components/table-scroll";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listReportsFor } from "#app/models/reporting/city.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "reports.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const reports = await listReportsFor(admin.unitId);
  return {
    reports: reports.map((row) => ({
      code: row.report.code,
      kind: row.report.kind,
      year: row.report.endDay.slice(0, 4),
      end: formatDate(row.report.end),
      due: formatDate(row.report.due),
      state: row.state,
      reopened: row.latest?.reopening != null,
      frozenAt: row.latest && !row.latest.reopening ? formatDate(row.latest.frozenAt) : null,
      version: row.latest?.version ?? 0,
      wards: row.wards,
    })),
  };
}

export default function ReportingPeriodsPage() {
  const t = useT();
  const { reports } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("reports.title")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      <TableScroll label={t("reports.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reports.period")}</th>
              <th scope="col">{t("reports.end")}</th>
              <th scope="col">{t("reports.due")}</th>
              <th scope="col">{t("reports.state")}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.code}>
                <th scope="row">
                  <Link to={`/quan-tri/bao-cao-ky/${report.code}`}>
                    {report.code}: {t(`reports.kind.${report.kind}`, { year: report.year })}
                  </Link>
                </th>
                <td>{report.end}</td>
                <td>{report.due}</td>
                <td>
                  <strong className={`report-state report-state--${report.state}`}>{t(`reports.state.${report.state}`)}</strong>
                  {report.reopened ? ` (${t("reports.reopened")})` : null}
                  {report.frozenAt ? ` · ${t("reports.frozenAt", { date: report.frozenAt, version: report.version })}` : null}
                  {report.wards ? ` · ${t("reports.frozenCount", report.wards)}` : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
