import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { applicationStatusKey, organisationKindKey } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { TableScroll } from "#app/components/table-scroll";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { certificationCounts } from "#app/models/certification/certificate.server";
import { listApplicationsForReview } from "#app/models/certification/review.server";
import { REVIEW_STATUSES } from "#app/models/certification/terms.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { parseListQuery } from "#app/utils/list-query";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function statusSchema() {
  return z.enum(REVIEW_STATUSES).catch("submitted");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q, page } = parseListQuery(request);
  const status = statusSchema().parse(new URL(request.url).searchParams.get("trang-thai"));
  const now = new Date();
  const [counts, list] = await Promise.all([certificationCounts(admin.unitPath, now), listApplicationsForReview(admin, { status, q, page })]);
  const totals = counts.reduce(
    (sum, row) => ({
      certified: sum.certified + row.certified,
      pending: sum.pending + row.pending,
      expiring: sum.expiring + row.expiring,
      expired: sum.expired + row.expired,
      revoked: sum.revoked + row.revoked,
    }),
    { certified: 0, pending: 0, expiring: 0, expired: 0, revoked: 0 },
  );
  return {
    asOf: formatDate(now),
    counts: counts.map((row) => ({ ...row, ward: row.ward.name, code: row.ward.code })),
    totals: counts.length > 1 ? totals : null,
    status,
    statuses: [...REVIEW_STATUSES],
    q,
    page,
    total: list.total,
    pageCount: list.pageCount,
    applications: list.applications.map((application) => ({
      id: application.id,
      name: application.organisation.name,
      kind: application.organisation.kind,
      applicationKind: application.kind,
      ward: application.unit.name,
      status: application.status,
      submittedOn: application.submittedAt ? formatDate(application.submittedAt) : null,
      decidedOn: application.decidedAt ? formatDate(application.decidedAt) : null,
    })),
  };
}

const COLUMNS: { key: "certified" | "pending" | "expiring" | "expired" | "revoked"; label: MessageKey }[] = [
  { key: "certified", label: "review.count.certified" },
  { key: "pending", label: "review.count.pending" },
  { key: "expiring", label: "review.count.expiring" },
  { key: "expired", label: "review.count.expired" },
  { key: "revoked", label: "review.count.revoked" },
];

export default function CertificationReviewPage() {
  const t = useT();
  const { asOf, counts, totals, status, statuses, q, page, total, pageCount, applications } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("review.title")}</h1>
      <h2>{t("review.countsTitle")}</h2>
      <TableScroll label={t("review.countsCaption", { date: asOf })}>
        <table className="coverage certification-counts">
          <caption>{t("review.countsCaption", { date: asOf })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("form.ward")}</th>
              {COLUMNS.map((column) => (
                <th key={column.key} scope="col">
                  {t(column.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {counts.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.ward}</th>
                {COLUMNS.map((column) => (
                  <td key={column.key}>{row[column.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
          {totals ? (
            <tfoot>
              <tr>
                <th scope="row">{t("coverage.total")}</th>
                {COLUMNS.map((column) => (
                  <td key={column.key}>{totals[column.key]}</td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </TableScroll>

      <h2>{t("review.queue")}</h2>
      <Form method="get" className="stack narrow" role="search">
        <div className="field">
          <label htmlFor="review-status">{t("review.filter")}</label>
          <select id="review-status" name="trang-thai" defaultValue={status}>
            {statuses.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(applicationStatusKey(candidate))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="review-q">{t("registry.search")}</label>
          <input id="review-q" type="search" name="q" defaultValue={q} placeholder={t("registry.searchPlaceholder")} />
        </div>
        <button type="submit" className="button">
          {t("review.show")}
        </button>
      </Form>
      <p>{t("review.count", { count: total })}</p>
      <ul className="record-list">
        {applications.map((application) => (
          <li key={application.id} className="record">
            <Link to={`/quan-tri/chung-nhan/${application.id}`} className="record__title">
              {application.name}
            </Link>
            <span>
              {t(organisationKindKey(application.kind))} · {application.ward}
            </span>
            <span>
              {t(application.applicationKind === "renewal" ? "cert.kind.renewal" : "cert.kind.initial")} · {t(applicationStatusKey(application.status))}
            </span>
            <span className="muted">
              {application.status === "submitted"
                ? application.submittedOn && t("review.submittedOn", { date: application.submittedOn })
                : application.decidedOn && t("review.decidedOn", { date: application.decidedOn })}
            </span>
          </li>
        ))}
      </ul>
      {applications.length === 0 ? <p>{t("review.none")}</p> : null}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
