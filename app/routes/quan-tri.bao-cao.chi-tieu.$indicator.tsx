import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ExportLinks } from "#app/components/export-links";
import { Pagination } from "#app/components/pagination";
import { RosterEntryList } from "#app/components/roster-entry-list";
import { TargetsNote } from "#app/components/targets-note";
import { targetsNoteOf } from "#app/content/programme.server";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findNotReachedFrame, listNotReached } from "#app/models/coverage.server";
import { toListedEntry } from "#app/models/roster.server";
import { requireAdmin } from "#app/utils/auth.server";
import { isoDay } from "#app/utils/dates";
import { invariantResponse } from "#app/utils/http.server";
import { readReportQuery } from "#app/utils/report-query";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "notReached.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportQuery(new URL(request.url).searchParams);
  const { unitsOn, q, page } = query;
  const frame = await findNotReachedFrame(admin.unitPath, params.indicator, query);
  invariantResponse(frame, 404);
  const { indicator, period, wards, ward } = frame;
  const [lang, result] = await Promise.all([getLang(request), listNotReached(admin.unitPath, indicator, period, { wardId: ward?.id ?? null, query: q, page }, unitsOn)]);
  const groups = targetGroupLabels(lang);
  return {
    indicator: { code: indicator.code, label: indicator[lang] },
    period: period.code,
    targetsNote: targetsNoteOf(period, lang),
    unitsOn: isoDay(unitsOn),
    q,
    page,
    wardCode: ward?.code ?? "",
    wards: wards.map((candidate) => ({ value: candidate.code, label: candidate.name })),
    total: result.total,
    pageCount: result.pageCount,
    entries: result.entries.map((entry) => toListedEntry(entry, groups)),
  };
}

export default function NotReachedPage() {
  const t = useT();
  const { indicator, period, targetsNote, unitsOn, q, page, wardCode, wards, total, pageCount, entries } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/quan-tri/bao-cao?ky=${period}&don-vi=${unitsOn}`}>← {t("coverage.title")}</Link>
      </p>
      <h1>
        {t("notReached.title")}: {indicator.code}
      </h1>
      <p>
        {indicator.label} · {period}
      </p>
      <Form method="get" className="stack narrow" role="search">
        <input type="hidden" name="ky" value={period} />
        <input type="hidden" name="don-vi" value={unitsOn} />
        <div className="field">
          <label htmlFor="not-reached-ward">{t("form.ward")}</label>
          <select id="not-reached-ward" name="phuong" defaultValue={wardCode}>
            <option value="">{t("notReached.allWards")}</option>
            {wards.map((ward) => (
              <option key={ward.value} value={ward.value}>
                {ward.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="not-reached-q">{t("users.search")}</label>
          <input id="not-reached-q" type="search" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          {t("users.searchSubmit")}
        </button>
      </Form>
      <p role="status">{t("notReached.count", { count: total })}</p>
      <ExportLinks path={`/quan-tri/bao-cao/chi-tieu/${indicator.code}/xuat`} />
      <RosterEntryList entries={entries} />
      <TargetsNote note={targetsNote} />
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
