import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { TrainingSessionForm } from "#app/components/training-session-form";
import { getCatalogue } from "#app/content/catalogue.server";
import { targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findIdenticalTrainingSession } from "#app/models/training-session-changes.server";
import { createTrainingSession } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { readTrainingSessionForm } from "#app/utils/training-session-form.server";
import { adminWardPicker } from "#app/utils/ward-picker.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trainingSessions.create") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const lang = await getLang(request);
  const [{ wards, formerWards }, catalogue] = await Promise.all([adminWardPicker(admin, lang), getCatalogue()]);
  return {
    targetGroups: targetGroupOptions(lang),
    wards,
    formerWards,
    courses: catalogue.courses.map((course) => ({ slug: course.slug, title: lang === "en" ? course.titleEn : course.title })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readTrainingSessionForm(await readForm(request));
  if (!form.ok) return rejectForm(form);
  // The same session already on record is shown before a second one is saved (issue 18).
  if (!form.confirmedDuplicate && (await findIdenticalTrainingSession(admin, form.data))) return rejectForm({ message: "trainingSessions.duplicate", values: form.values });
  const session = await createTrainingSession(admin, form.data);
  if (!session) return rejectForm({ errors: { unitId: "form.unknown_ward" }, values: form.values });
  return redirect(`/quan-tri/buoi-hoc/${session.id}`);
}

export default function NewSessionPage() {
  const t = useT();
  const { wards, formerWards, courses, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("trainingSessions.create")}</h1>
      <TrainingSessionForm wards={wards} formerWards={formerWards} courses={courses} targetGroups={targetGroups} initial={{}} problem={actionData} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
