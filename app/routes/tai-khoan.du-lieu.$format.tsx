import type { LoaderFunctionArgs } from "@remix-run/node";

import { getPersonalData, personalDataRows, recordDownload } from "#app/models/personal-data.server";
import { requireUser } from "#app/utils/auth.server";
import { toCsv } from "#app/utils/csv";
import { notFound } from "#app/utils/http.server";

/** The signed-in person's own data, everything the platform holds about them: JSON, or CSV to read in a spreadsheet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const format = params.format;
  if (format !== "json" && format !== "csv") throw notFound();
  const data = await getPersonalData(user.id);
  if (!data) throw notFound();
  await recordDownload(user.id, format);
  const headers = { "Content-Disposition": `attachment; filename="du-lieu-cua-toi.${format}"`, "Cache-Control": "no-store" };
  if (format === "json") return new Response(JSON.stringify(data, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
  const csv = toCsv([["bang/table", "dong/row", "truong/field", "gia-tri/value"], ...personalDataRows(data)]);
  return new Response(csv, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}
