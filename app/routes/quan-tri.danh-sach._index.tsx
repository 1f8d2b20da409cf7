import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ExportLinks } from "#app/components/export-links";
import { Pagination } from "#app/components/pagination";
import { RosterEntryList } from "#app/components/roster-entry-list";
import { SearchForm } from "#app/components/search-form";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { isTargetGroup } from "#app/content/programme.server";
import { targetGroupLabels, targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { parseRosterFile, ROSTER_MAX_BYTES, type RosterProblem } from "#app/models/roster-file.server";
import { importRoster, listRoster, toListedEntry } from "#app/models/roster.server";
import { findWardInForce, wardOptions } from "#app/models/unit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { requireFormPost } from "#app/utils/forms.server";
import { parseListQuery } from "#app/utils/list-query";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "roster.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q, page } = parseListQuery(request);
  const [lang, wards, roster] = await Promise.all([getLang(request), wardOptions(admin), listRoster(admin.unitPath, q, page)]);
  const groups = targetGroupLabels(lang);
  return {
    q,
    page,
    wards,
    targetGroups: targetGroupOptions(lang),
    total: roster.total,
    pageCount: roster.pageCount,
    entries: roster.entries.map((entry) => toListedEntry(entry, groups)),
  };
}

type ImportAnswer = { imported: { created: number; updated: number; matched: number } } | { message: MessageKey; problems: RosterProblem[] };

function rejectImport(message: MessageKey, problems: RosterProblem[] = [], status = 400) {
  return json<ImportAnswer>({ message, problems }, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  requireFormPost(request);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: ROSTER_MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return rejectImport("roster.file.tooBig", [], 413);
    return rejectImport("roster.file.notCsv");
  }
  const unitId = formData.get("unitId");
  const targetGroup = formData.get("targetGroup");
  const file = formData.get("file");
  if (typeof unitId !== "string" || !unitId) return rejectImport("form.unknown_ward");
  if (typeof targetGroup !== "string" || !isTargetGroup(targetGroup)) return rejectImport("form.targetGroup.unknown");
  if (!(file instanceof Blob) || file.size === 0) return rejectImport("roster.file.missing");
  const ward = await findWardInForce(unitId);
  if (!ward?.path.startsWith(admin.unitPath)) return rejectImport("form.unknown_ward");
  const parsed = await parseRosterFile(new Uint8Array(await file.arrayBuffer()), ward);
  if (!parsed.ok) return rejectImport("roster.rejected", parsed.problems);
  const imported = await importRoster(admin, { unitId: ward.id, targetGroup }, parsed.rows);
  return json<ImportAnswer>({ imported });
}

export default function RosterPage() {
  const t = useT();
  const { q, page, wards, targetGroups, total, pageCount, entries } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section>
      <h1>{t("roster.title")}</h1>
      <p>{t("roster.intro")}</p>

      <p>
        <Link to="/quan-tri/danh-sach/tai-khoan">{t("roster.bulkLink")}</Link>
      </p>
      <h2>{t("roster.import")}</h2>
      <p>
        <a href="/quan-tri/danh-sach/mau" download>
          {t("roster.template")}
        </a>
      </p>
      {answer && "imported" in answer ? (
        <p className="notice" role="status" data-form-result="">
          {t("roster.imported", answer.imported)}
        </p>
      ) : null}
      {answer && "message" in answer ? (
        <div role="alert">
          <ErrorSummary message={answer.message} />
          {answer.problems.length > 0 ? (
            <table className="problems">
              <caption>{t("roster.problems", { count: answer.problems.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("roster.row")}</th>
                  <th scope="col">{t("roster.column")}</th>
                  <th scope="col">{t("roster.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {answer.problems.slice(0, 200).map((problem, index) => (
                  <tr key={index}>
                    <td>{problem.row ?? "—"}</td>
                    <td>{problem.column ?? "—"}</td>
                    <td>{t(problem.problem)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack narrow">
        <SelectField name="unitId" label={t("form.ward")} options={wards} placeholder={wards.length > 1 ? t("form.choose") : undefined} required />
        <TargetGroupField options={targetGroups} label="roster.group" required />
        <div className="field">
          <label htmlFor="roster-file">{t("roster.file")}</label>
          <p className="field__hint" id="roster-file-hint">
            {t("roster.fileHint")}
          </p>
          <input
            id="roster-file"
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby="roster-file-hint"
          />
        </div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("roster.submit")}
        </button>
      </Form>

      <h2>{t("roster.entries")}</h2>
      <SearchForm q={q} />
      <p>{t("users.count", { count: total })}</p>
      <ExportLinks path="/quan-tri/danh-sach/xuat" />
      <RosterEntryList entries={entries} />
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
