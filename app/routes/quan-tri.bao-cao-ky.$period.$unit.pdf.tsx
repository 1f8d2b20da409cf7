import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAdmin } from "#app/utils/auth.server";
import { requireFrozenReport } from "#app/utils/frozen-report.server";
import { renderReportPdf } from "#app/utils/report-pdf.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { report, snapshot, document } = await requireFrozenReport(request, admin, params);
  const pdf = await renderReportPdf(document);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="bao-cao-${report.code}-${snapshot.unitCode}-v${snapshot.version}.pdf"`,
    },
  });
}
