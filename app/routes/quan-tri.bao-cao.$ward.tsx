import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { CoverageFigure } from "#app/components/coverage-figure";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { TargetsNote } from "#app/components/targets-note";
import { TableScroll } from "#app/components/table-scroll";
import { isTargetGroup, targetsNoteOf } from "#app/content/programme.server";
import { targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useNumbers, useT } from "#app/i18n/use-t";
import { declareHeadcount, getCoverage, reportPeriod } from "#app/models/coverage.server";
import { findUnitInScope } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { readReportRequest, refuseDayOutsidePlan } from "#app/utils/report-query.server";
import { reportRowNames } from "#app/utils/unit-rows.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "coverage.wardTitle") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function headcountSchema() {
  return z.object({
    targetGroup: requiredField,
    count: z.coerce
      .number({ invalid_type_error: "headcount.count.invalid" })
      .int("headcount.count.invalid")
      .min(0, "headcount.count.invalid")
      .max(1_000_000, "headcount.count.invalid"),
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const ward = await findUnitInScope(admin, params.ward ?? "");
  invariantResponse(ward, 404);
  const query = readReportRequest(request);
  refuseDayOutsidePlan(query.refusedDay);
  const period = reportPeriod(query.periodCode);
  const [lang, coverage] = await Promise.all([getLang(request), getCoverage(ward.path, period, new Date(), query.unitsOn)]);
  const names = await reportRowNames(lang, [ward], query.unitsOn);
  return {
    targetGroups: targetGroupOptions(lang),
    ward: names.get(ward.id) ?? ward.name,
    wardCode: params.ward ?? "",
    period: period.code,
    targetsNote: targetsNoteOf(period, lang),
    asOf: formatDate(coverage.asOf),
    unitsOn: formatDate(coverage.unitsOn),
    indicators: coverage.indicators.map((indicator, index) => ({
      code: indicator.code,
      label: indicator[lang],
      short: indicator.short[lang],
      cell: coverage.totals[index]!,
      contacted: coverage.contactedTotals[index] ?? 0,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const ward = await findUnitInScope(admin, params.ward ?? "");
  invariantResponse(ward, 404);
  const period = reportPeriod(new URL(request.url).searchParams.get("ky"));
  const form = parseForm(await readForm(request), headcountSchema());
  if (!form.ok) return rejectForm(form);
  if (!isTargetGroup(form.data.targetGroup)) return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
  await declareHeadcount(admin, { unitId: ward.id, period: period.code, ...form.data });
  return redirect(`/quan-tri/bao-cao/${params.ward}?ky=${period.code}&da-luu=1`);
}

export default function WardCoveragePage() {
  const t = useT();
  const format = useNumbers();
  const { ward, wardCode, period, targetsNote, asOf, unitsOn, indicators, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors ?? {};
  return (
    <section>
      <p>
        <Link to={`/quan-tri/bao-cao?ky=${period}`}>← {t("coverage.title")}</Link>
      </p>
      <h1>
        {t("coverage.wardTitle")}: {ward}
      </h1>
      <p>
        {t("coverage.asOf", { date: asOf })} · {period} · {t("coverage.unitsOn")} {unitsOn}
      </p>
      <TableScroll label={`${t("coverage.wardTitle")}: ${ward}`}>
        <table className="coverage coverage--ward">
          <thead>
            <tr>
              <th scope="col">{t("coverage.indicator")}</th>
              <th scope="col">{t("coverage.figure")}</th>
              <th scope="col">{t("coverage.targetHeader")}</th>
              <th scope="col">{t("coverage.gap")}</th>
              <th scope="col">{t("notReached.title")}</th>
              <th scope="col">{t("coverage.contacted")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.code}>
                <th scope="row">
                  <strong>{indicator.short}</strong> <small className="indicator-code">{indicator.code}</small>
                  <br />
                  <span className="muted">{indicator.label}</span>
                </th>
                <td className={`coverage__cell coverage__cell--${indicator.cell.status}`}>
                  <CoverageFigure cell={indicator.cell} />
                </td>
                <td>{format.percent(indicator.cell.target)}</td>
                <td>{format.number(indicator.cell.gap)}</td>
                <td>
                  <NotReachedLinks code={indicator.code} query={`ky=${period}&phuong=${wardCode}`} />
                </td>
                <td>{indicator.contacted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TargetsNote note={targetsNote} />

      <h2>{t("headcount.title")}</h2>
      <p className="muted">{t("headcount.intro")}</p>
      {searchParams.has("da-luu") && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t("headcount.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack narrow" noValidate>
        <ErrorSummary message={actionData?.message} errors={errors} labels={{ targetGroup: t("roster.group"), count: t("headcount.count") }} />
        <TargetGroupField options={targetGroups} label="roster.group" defaultValue={actionData?.values.targetGroup} error={errors.targetGroup} />
        <TextField name="count" type="number" inputMode="numeric" min={0} label={t("headcount.count")} defaultValue={actionData?.values.count} error={errors.count} />
        <button type="submit" className="button">
          {t("headcount.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Who an indicator has not reached yet in this ward: the list, and the same list as files. */
function NotReachedLinks({ code, query }: { code: string; query: string }) {
  const t = useT();
  const list = `/quan-tri/bao-cao/chi-tieu/${code}`;
  return (
    <span className="exports">
      <Link to={`${list}?${query}`} aria-label={t("coverage.notReachedFor", { code })}>
        {t("coverage.notReachedList")}
      </Link>
      <a href={`${list}/xuat?${query}`} download aria-label={`${t("coverage.exportCsv")} (${code})`}>
        CSV
      </a>
      <a href={`${list}/xuat?${query}&dinh-dang=xlsx`} download aria-label={`${t("coverage.exportXlsx")} (${code})`}>
        Excel
      </a>
    </span>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
