import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { RosterProblemTable } from "#app/components/roster-problem-table";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { confirmImport, discardImport, findImportJob, isInProgress } from "#app/models/roster-import/jobs.server";
import { requireAdmin } from "#app/utils/auth.server";
import { rejectForm, readForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";

import { ImportPreviewSection } from "./preview";
import { ImportProgress } from "./progress";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "roster.import") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function decisionSchema() {
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("confirm"), fileHash: z.string().regex(/^[0-9a-f]{64}$/), clearLeft: z.literal("on").optional() }),
    z.object({ intent: z.literal("discard") }),
  ]);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const job = await findImportJob(admin.unitPath, params.jobId ?? "");
  invariantResponse(job, 404);
  const groups = targetGroupLabels(await getLang(request));
  return { job: { ...job, group: groups[job.targetGroup] ?? job.targetGroup, inProgress: isInProgress(job.status) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const jobId = params.jobId ?? "";
  const parsed = decisionSchema().safeParse(Object.fromEntries(await readForm(request)));
  invariantResponse(parsed.success, 400);
  const decided = parsed.data.intent === "confirm" ? await confirmImport(admin, jobId, parsed.data.fileHash, parsed.data.clearLeft === "on") : await discardImport(admin, jobId);
  if (!decided) {
    invariantResponse(await findImportJob(admin.unitPath, jobId), 404);
    return rejectForm({ message: "rosterImport.notPreviewed" }, 409);
  }
  return redirect(`/quan-tri/danh-sach/nhap/${jobId}`);
}

export default function ImportJobPage() {
  const t = useT();
  const { job } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // The result comes into view with focus on it when the progress bar was watching the job; when it
  // is there already as the confirmation's page loads (a small file), FormFocus focuses it
  // (data-form-result).
  const watched = useRef(job.inProgress);
  useEffect(() => {
    if (job.inProgress) watched.current = true;
    else if (watched.current) document.getElementById("import-result")?.focus();
  }, [job.inProgress]);
  return (
    <section>
      <h1>{t("rosterImport.title", { file: job.fileName })}</h1>
      <p>
        {job.unit.name} · {job.group}
      </p>
      {answer?.message ? <ErrorSummary message={answer.message} /> : null}
      {job.inProgress ? <ImportProgress job={job} /> : null}
      {job.status === "previewed" && job.preview ? (
        <div tabIndex={-1} id="import-result" data-form-result="">
          <ImportPreviewSection job={{ ...job, preview: job.preview }} />
        </div>
      ) : null}
      {job.status === "done" ? (
        <p className="notice" role="status" tabIndex={-1} id="import-result" data-form-result="">
          {t("rosterImport.status.done", { created: job.created, updated: job.updated, unchanged: job.unchanged, matched: job.matched })}
        </p>
      ) : null}
      {job.status === "failed" ? (
        <div role="alert" tabIndex={-1} id="import-result" data-form-result="">
          <p>{t("rosterImport.status.failed")}</p>
          <RosterProblemTable problems={job.problems} />
        </div>
      ) : null}
      <p>
        <Link to="/quan-tri/danh-sach">{t("rosterImport.back")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
