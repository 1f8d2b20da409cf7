import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
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
import { toListedEntry } from "#app/components/roster-entry-list";
import { maskPhone } from "#app/utils/phone";
import { requireAdmin } from "#app/utils/auth.server";
import { isoDay } from "#app/utils/dates";
import { invariantResponse } from "#app/utils/http.server";
import { readReportRequest, refusedDayMessage } from "#app/utils/report-query.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "notReached.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportRequest(request);
  const { unitsOn, q, page } = query;
  const frame = await findNotReachedFrame(admin.unitPath, params.indicator, query);
  invariantResponse(frame, 404);
  const { indicator, period, wards, ward } = frame;
  const [lang, result] = await Promise.all([getLang(request), listNotReached(admin.unitPath, indicator, period, { wardId: ward?.id ?? null, query: q, page }, unitsOn)]);
  const groups = targetGroupLabels(lang);
  return json(
    {
      indicator: { code: indicator.code, label: indicator[lang], short: indicator.short[lang] },
      refused: refusedDayMessage(lang, query.refusedDay),
      period: period.code,
      targetsNote: targetsNoteOf(period, lang),
      unitsOn: isoDay(unitsOn),
      q,
      page,
      wardCode: ward?.code ?? "",
      // The filter offers the wards in force on the date; a row kept for another unit's records is on the report.
      wards: wards.filter((candidate) => candidate.inForce).map((candidate) => ({ value: candidate.code, label: candidate.name })),
      total: result.total,
      pageCount: result.pageCount,
      // Phones masked in the list; the export shows them whole, and is audited.
      entries: result.entries.map((entry) => ({ ...toListedEntry(entry, groups, lang, unitsOn), phone: entry.phone ? maskPhone(entry.phone) : "" })),
    },
    { status: query.refusedDay ? 400 : 200 },
  );
}

export default function NotReachedPage() {
  const t = useT();
  const { indicator, refused, period, targetsNote, unitsOn, q, page, wardCode, wards, total, pageCount, entries } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/quan-tri/bao-cao?ky=${period}&don-vi=${unitsOn}`}>← {t("coverage.title")}</Link>
      </p>
      <h1>
        {t("notReached.title")}: {indicator.short} <small className="indicator-code">{indicator.code}</small>
      </h1>
      <p>
        {indicator.label} · {period}
      </p>
      {refused ? (
        <p className="field__error" role="alert">
          {refused}
        </p>
      ) : null}
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
