import {
  json,
  redirect,
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
import { ImportHistory } from "#app/components/import-history";
import { RosterEntryList, toListedEntry } from "#app/components/roster-entry-list";
import { RosterProblemTable } from "#app/components/roster-problem-table";
import { SearchForm } from "#app/components/search-form";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { isTargetGroup } from "#app/content/programme.server";
import { accountGroupOptions, mayHaveAccount, targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { ROSTER_MAX_BYTES, type RosterProblem } from "#app/models/roster-file.server";
import { listImportJobs, startImport } from "#app/models/roster-import/jobs.server";
import { countRosterByGroup, listRoster } from "#app/models/roster.server";
import { findWardInScope, scopeOn } from "#app/models/scope.server";
import { maskPhone } from "#app/utils/phone";
import { adminWardPicker } from "#app/utils/ward-picker.server";
import { requireAdmin } from "#app/utils/auth.server";
import { requireFormPost } from "#app/utils/forms.server";
import { parseListQuery } from "#app/utils/list-query";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "roster.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q, page } = parseListQuery(request);
  const scope = await scopeOn(admin.unitPath);
  const lang = await getLang(request);
  const [{ wards, formerWards }, roster, counts, imports] = await Promise.all([
    adminWardPicker(admin, lang),
    listRoster(scope, q, page),
    countRosterByGroup(scope),
    listImportJobs(admin.unitPath),
  ]);
  const groups = targetGroupLabels(lang);
  return {
    groupCounts: Object.entries(counts).map(([group, count]) => ({ group: groups[group] ?? group, count })),
    q,
    page,
    wards,
    formerWards,
    // Children are counted by headcount and declared counts, never listed by name (issue 16).
    targetGroups: accountGroupOptions(lang),
    total: roster.total,
    pageCount: roster.pageCount,
    // Phones masked in the list; the export shows them whole, and is audited.
    entries: roster.entries.map((entry) => ({ ...toListedEntry(entry, groups, lang), phone: entry.phone ? maskPhone(entry.phone) : "" })),
    imports: imports.map((job) => ({ ...job, group: groups[job.targetGroup] ?? job.targetGroup })),
  };
}

type ImportAnswer = { message: MessageKey; problems: RosterProblem[] };

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
  if (typeof targetGroup !== "string" || !isTargetGroup(targetGroup) || !mayHaveAccount(targetGroup)) return rejectImport("form.targetGroup.unknown");
  if (!(file instanceof Blob) || file.size === 0) return rejectImport("roster.file.missing");
  const ward = await findWardInScope(admin.unitPath, unitId);
  if (!ward) return rejectImport("form.unknown_ward");
  // Read, previewed and written off the request thread; the job's page follows it.
  const jobId = await startImport(admin, { unitId: ward.id, targetGroup }, { name: file instanceof File ? file.name : "", bytes: new Uint8Array(await file.arrayBuffer()) });
  return redirect(`/quan-tri/danh-sach/nhap/${jobId}`);
}

export default function RosterPage() {
  const t = useT();
  const { q, page, wards, formerWards, targetGroups, total, pageCount, entries, imports, groupCounts } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section>
      <h1>{t("roster.title")}</h1>
      <p>{t("roster.intro")}</p>

      <p>
        <Link to="/quan-tri/danh-sach/tai-khoan">{t("roster.bulkLink")}</Link>
      </p>
      <p>
        <Link to="/quan-tri/danh-sach/chuyen-phuong">{t("rehome.link")}</Link> · <Link to="/quan-tri/danh-sach/trung">{t("duplicates.link")}</Link>
      </p>
      <ul aria-label={t("roster.populationByGroup")}>
        {groupCounts.map((row) => (
          <li key={row.group}>{t("roster.groupCount", row)}</li>
        ))}
      </ul>
      <h2>{t("roster.import")}</h2>
      <p>
        <a href="/quan-tri/danh-sach/mau" download>
          {t("roster.template")}
        </a>
      </p>
      {answer ? (
        <div role="alert">
          <ErrorSummary message={answer.message} />
          <RosterProblemTable problems={answer.problems} />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack narrow">
        <SelectField name="unitId" label={t("form.ward")} options={wards} groups={[formerWards]} placeholder={wards.length > 1 ? t("form.choose") : undefined} required />
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

      <ImportHistory imports={imports} />

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
