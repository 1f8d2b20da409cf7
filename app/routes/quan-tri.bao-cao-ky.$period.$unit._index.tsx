import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { AdministrativeReport } from "#app/components/administrative-report";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { requireAdmin } from "#app/utils/auth.server";
import { requireFrozenReport } from "#app/utils/frozen-report.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "reports.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { report, unit, snapshot, document } = await requireFrozenReport(request, admin, params);
  return { period: report.code, unitCode: params.unit ?? "", unitName: unit.name, version: snapshot.version, document };
}

export default function FrozenReportPage() {
  const t = useT();
  const { period, unitCode, version, document } = useLoaderData<typeof loader>();
  const base = `/quan-tri/bao-cao-ky/${period}/${unitCode}`;
  const query = `?phien-ban=${version}`;
  return (
    <section>
      <div className="report-actions">
        <p>
          <Link to={`/quan-tri/bao-cao-ky/${period}`}>← {t("reports.periodTitle", { period })}</Link>
        </p>
        <p className="exports">
          <a href={`${base}/pdf${query}`} download>
            {t("reports.downloadPdf")}
          </a>
          <a href={`${base}/xlsx${query}`} download>
            {t("reports.downloadXlsx")}
          </a>
        </p>
      </div>
      <AdministrativeReport document={document} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
