import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { TrainingSessionForm } from "#app/components/training-session-form";
import { getCatalogue } from "#app/content/catalogue.server";
import { targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findIdenticalTrainingSession, updateTrainingSession } from "#app/models/training-session-changes.server";
import { findTrainingSession } from "#app/models/training-session.server";
import { wardOptions } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { isoDay } from "#app/utils/dates";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { readTrainingSessionForm } from "#app/utils/training-session-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trainingSessions.edit") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const session = await findTrainingSession(admin, params.trainingSessionId ?? "");
  invariantResponse(session, 404);
  const [lang, wards, catalogue] = await Promise.all([getLang(request), wardOptions(admin), getCatalogue()]);
  return {
    id: session.id,
    initial: {
      unitId: session.unitId,
      heldOn: isoDay(session.heldOn),
      place: session.place,
      kind: session.kind,
      course: session.courseSlugs.join(","),
      trainer: session.trainer,
      headcount: session.headcount === null ? "" : String(session.headcount),
      headcountGroup: session.headcountGroup ?? "",
    },
    targetGroups: targetGroupOptions(lang),
    wards,
    courses: catalogue.courses.map((course) => ({ slug: course.slug, title: lang === "en" ? course.titleEn : course.title })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const session = await findTrainingSession(admin, params.trainingSessionId ?? "");
  invariantResponse(session, 404);
  const form = await readTrainingSessionForm(await readForm(request));
  if (!form.ok) return rejectForm(form);
  if (!form.confirmedDuplicate && (await findIdenticalTrainingSession(admin, form.data, session.id)))
    return rejectForm({ message: "trainingSessions.duplicate", values: form.values });
  if (!(await updateTrainingSession(admin, session, form.data))) return rejectForm({ errors: { unitId: "form.unknown_ward" }, values: form.values });
  return redirect(`/quan-tri/buoi-hoc/${session.id}?da-luu=1`);
}

export default function EditSessionPage() {
  const t = useT();
  const { id, initial, wards, courses, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow">
      <p>
        <Link to={`/quan-tri/buoi-hoc/${id}`}>← {t("trainingSessions.title")}</Link>
      </p>
      <h1>{t("trainingSessions.edit")}</h1>
      <TrainingSessionForm wards={wards} courses={courses} targetGroups={targetGroups} initial={initial} problem={actionData} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
