import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { ReportTables } from "#app/components/administrative-report";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { TextField } from "#app/components/form-field";
import { TableScroll } from "#app/components/table-scroll";
import { pageTitle, useT } from "#app/i18n/use-t";
import type { MessageKey } from "#app/i18n/messages";
import { consolidateReport, getAdminUnit, getReportProgress, printableReport } from "#app/models/reporting/city.server";
import { freezeWardReport, reopenWardReport } from "#app/models/reporting/freeze.server";
import { getDraftWardReport, listSnapshotVersions, type Snapshot } from "#app/models/reporting/snapshot.server";
import { requireAdmin, type AdminUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { parseForm, text } from "#app/utils/forms";
import { readForm } from "#app/utils/forms.server";
import { requireReportingPeriod } from "#app/utils/frozen-report.server";
import { badRequest, invariantResponse } from "#app/utils/http.server";
import { reportDocument } from "#app/utils/report-document";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "reports.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function reopenSchema() {
  return z.object({
    snapshotId: text().min(1, "reports.error.not_found"),
    reason: text().trim().min(5, "reports.reason.invalid").max(500, "reports.reason.invalid"),
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const report = requireReportingPeriod(params.period);
  const unit = await getAdminUnit(admin.unitId);
  const now = new Date();
  const heading = { code: report.code, kind: report.kind, year: report.endDay.slice(0, 4), end: formatDate(report.end), due: formatDate(report.due), ended: now > report.end };
  if (unit.level === "ward") {
    const versions = await listSnapshotVersions(unit.id, report.code);
    const frozen = versions[0] && !versions[0].reopening ? versions[0] : null;
    // The draft is only computed while there is something to freeze.
    const draft = frozen ? null : await getDraftWardReport(unit, report);
    const document = draft
      ? reportDocument(
          await printableReport(
            {
              unitId: unit.id,
              unitName: unit.name,
              scope: "ward",
              planPeriod: draft.plan.code,
              frozenAt: now,
              version: 0,
              reopening: null,
              figures: draft.figures,
              activities: draft.activities,
              adjustments: draft.adjustments,
            },
            report,
          ),
        )
      : null;
    return json({
      heading,
      unit: { code: unit.code, name: unit.name },
      ward: { versions: versions.map(versionLine), frozen: frozen && versionLine(frozen), document },
      scope: null,
    });
  }
  const progress = await getReportProgress(unit, report, now);
  return json({
    heading,
    unit: { code: unit.code, name: unit.name },
    ward: null,
    scope: {
      rows: progress.rows.map((row) => ({
        code: row.ward.code,
        name: row.ward.name,
        state: row.state,
        reopened: row.reopened,
        latest: row.latest && { id: row.latest.id, version: row.latest.version, frozenAt: formatDate(row.latest.frozenAt) },
      })),
      allFrozen: progress.allFrozen,
      consolidated: progress.consolidated && { version: progress.consolidated.version, frozenAt: formatDate(progress.consolidated.frozenAt) },
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const report = requireReportingPeriod(params.period);
  const unit = await getAdminUnit(admin.unitId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = `/quan-tri/bao-cao-ky/${report.code}`;
  if (intent === "freeze") {
    invariantResponse(unit.level === "ward", 403);
    const result = await freezeWardReport(admin, unit, report);
    if (!result.ok) return json({ message: `reports.error.${result.error}` satisfies MessageKey, errors: {}, wards: "" }, { status: 409 });
    return redirect(`${back}?da-chot=1`);
  }
  // Reopening and consolidating are the city's: an admin above the wards.
  invariantResponse(isCityAdmin(admin, unit), 403);
  if (intent === "reopen") {
    const form = parseForm(formData, reopenSchema());
    if (!form.ok) return json({ message: null, errors: form.errors, wards: "" }, { status: 400 });
    const result = await reopenWardReport(admin, unit.path, form.data.snapshotId, form.data.reason);
    if (!result.ok) return json({ message: `reports.error.${result.error}` satisfies MessageKey, errors: {}, wards: "" }, { status: 409 });
    return redirect(`${back}?da-mo-lai=1`);
  }
  if (intent === "consolidate") {
    const result = await consolidateReport(admin, unit, report);
    if (!result.ok) {
      return json({ message: `reports.error.${result.error}` satisfies MessageKey, errors: {}, wards: (result.missing ?? []).join(", ") }, { status: 409 });
    }
    return redirect(`${back}?da-tong-hop=1`);
  }
  throw badRequest();
}

export default function ReportingPeriodPage() {
  const t = useT();
  const { heading, unit, ward, scope } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const periodName = t(`reports.kind.${heading.kind}`, { year: heading.year });
  const reportUrl = (code: string, version?: number) => `/quan-tri/bao-cao-ky/${heading.code}/${code}${version ? `?phien-ban=${version}` : ""}`;
  return (
    <section>
      <p>
        <Link to="/quan-tri/bao-cao-ky">← {t("reports.back")}</Link>
      </p>
      <h1>
        {t("reports.periodTitle", { period: heading.code })}: {periodName} · {unit.name}
      </h1>
      <p>
        {t("reports.end")} {heading.end} · {t("reports.due")} {heading.due}
      </p>
      {searchParams.has("da-chot") ? <Notice>{t("reports.frozenNotice")}</Notice> : null}
      {searchParams.has("da-mo-lai") ? <Notice>{t("reports.reopenedNotice")}</Notice> : null}
      {searchParams.has("da-tong-hop") ? <Notice>{t("reports.consolidatedNotice")}</Notice> : null}
      {actionData?.message ? (
        <p className="form-message" role="alert">
          {t(actionData.message, { wards: actionData.wards })}
        </p>
      ) : null}

      {ward ? (
        <>
          {ward.frozen ? (
            <p>
              <strong>{t("reports.state.frozen")}</strong> · {t("reports.frozenAt", { date: ward.frozen.frozenAt, version: ward.frozen.version })} ·{" "}
              <Link to={reportUrl(unit.code)}>{t("reports.open")}</Link>
            </p>
          ) : heading.ended ? (
            <Form method="post">
              <button type="submit" name="intent" value="freeze" className="button">
                {t("reports.freeze", { period: heading.code })}
              </button>
            </Form>
          ) : (
            <p>{t("reports.notEnded", { date: heading.end })}</p>
          )}
          {ward.versions.length > 0 ? (
            <>
              <h2>{t("reports.versions")}</h2>
              <ul>
                {ward.versions.map((version) => (
                  <li key={version.version}>
                    <Link to={reportUrl(unit.code, version.version)}>{t("reports.version", { version: version.version })}</Link> ·{" "}
                    {t("reports.frozenAt", { date: version.frozenAt, version: version.version })}
                    {version.reopenedBecause ? ` · ${t("reports.reopened")}: ${version.reopenedBecause}` : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {ward.document ? (
            <>
              <h2>{t("reports.draft")}</h2>
              <p className="muted">{t("reports.draftHint", { date: heading.end })}</p>
              <ReportTables document={ward.document} />
            </>
          ) : null}
        </>
      ) : null}

      {scope ? (
        <>
          <h2>{t("reports.wards")}</h2>
          <TableScroll label={t("reports.wards")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reports.ward")}</th>
                  <th scope="col">{t("reports.state")}</th>
                  <th scope="col">{t("reports.reopen")}</th>
                </tr>
              </thead>
              <tbody>
                {scope.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.name}</th>
                    <td>
                      <strong className={`report-state report-state--${row.state}`}>{t(`reports.state.${row.state}`)}</strong>
                      {row.reopened ? ` (${t("reports.reopened")})` : null}
                      {row.latest && row.state === "frozen" ? (
                        <>
                          {" "}
                          · {t("reports.frozenAt", { date: row.latest.frozenAt, version: row.latest.version })} · <Link to={reportUrl(row.code)}>{t("reports.open")}</Link>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {row.latest && row.state === "frozen" ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="reopen" />
                          <input type="hidden" name="snapshotId" value={row.latest.id} />
                          <TextField
                            name="reason"
                            label={`${t("reports.reopenReason")}: ${row.name}`}
                            error={actionData?.errors && "reason" in actionData.errors ? actionData.errors.reason : undefined}
                          />
                          <button type="submit" className="button button--quiet">
                            {t("reports.reopen")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2>{t("reports.consolidated")}</h2>
          {scope.consolidated ? (
            <p>
              {t("reports.frozenAt", { date: scope.consolidated.frozenAt, version: scope.consolidated.version })} · <Link to={reportUrl(unit.code)}>{t("reports.open")}</Link>
            </p>
          ) : (
            <>
              <p className="muted">{t("reports.consolidateWaiting")}</p>
              {scope.allFrozen && heading.ended ? (
                <Form method="post">
                  <button type="submit" name="intent" value="consolidate" className="button">
                    {t("reports.consolidate")}
                  </button>
                </Form>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p className="notice" role="status" data-form-result="">
      {children}
    </p>
  );
}

function isCityAdmin(admin: AdminUser, unit: { level: string }) {
  return admin.role === "district_admin" && unit.level !== "ward";
}

function versionLine(snapshot: Snapshot) {
  return { version: snapshot.version, frozenAt: formatDate(snapshot.frozenAt), reopenedBecause: snapshot.reopening?.reason ?? null };
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
