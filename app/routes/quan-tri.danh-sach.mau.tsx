import type { LoaderFunctionArgs } from "@remix-run/node";

import { rosterTemplateCsv } from "#app/models/roster-file.server";
import { requireAdmin } from "#app/utils/auth.server";

/** The roster template with its Vietnamese headers and one example row, as Excel opens it. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return new Response(rosterTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mau-danh-sach.csv"',
    },
  });
}
