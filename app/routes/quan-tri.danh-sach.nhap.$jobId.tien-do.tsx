import { json, type LoaderFunctionArgs } from "@remix-run/node";

import { findImportProgress } from "#app/models/roster-import/jobs.server";
import { requireAdmin } from "#app/utils/auth.server";
import { invariantResponse } from "#app/utils/http.server";

/** Where an import job stands, polled by its page's progress bar. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const progress = await findImportProgress(admin.unitPath, params.jobId ?? "");
  invariantResponse(progress, 404);
  return json({ id: params.jobId, ...progress }, { headers: { "Cache-Control": "no-store" } });
}
