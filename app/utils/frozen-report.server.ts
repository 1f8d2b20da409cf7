import { printableReport } from "#app/models/reporting/city.server";
import { findReportingPeriod } from "#app/models/reporting/periods.server";
import { findLatestSnapshot } from "#app/models/reporting/snapshot.server";
import { findUnitInScope } from "#app/models/scope.server";

import type { AdminUser } from "./auth.server";
import { invariantResponse } from "./http.server";
import { reportDocument } from "./report-document";

/** A reporting period from the URL, or 404. */
export function requireReportingPeriod(code: string | undefined) {
  const report = findReportingPeriod(code ?? "");
  invariantResponse(report, 404);
  return report;
}

/**
 * The frozen report of a unit inside the admin's scope (403 outside, 404 for no such unit or no
 * snapshot), its latest version or `?phien-ban=N`, as the printed document describes it. Reads
 * the snapshot row only, never the live tables.
 */
export async function requireFrozenReport(request: Request, admin: AdminUser, params: { period?: string; unit?: string }) {
  const report = requireReportingPeriod(params.period);
  const unit = await findUnitInScope(admin, params.unit ?? "");
  invariantResponse(unit, 404);
  const version = Number(new URL(request.url).searchParams.get("phien-ban")) || undefined;
  const snapshot = await findLatestSnapshot(unit.id, report.code, version);
  invariantResponse(snapshot, 404);
  return { report, unit, snapshot, document: reportDocument(await printableReport(snapshot, report)) };
}
