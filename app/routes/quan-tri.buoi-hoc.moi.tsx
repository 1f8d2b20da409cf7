import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FieldError, FormMessage, SelectField, TextField, useFormState } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { getCatalogue } from "#app/content/catalogue.server";
import { isTargetGroup } from "#app/content/programme.server";
import { targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { createTrainingSession, TRAINING_SESSION_KINDS } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseIsoDay } from "#app/utils/dates";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { adminWardPicker } from "#app/utils/ward-picker.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trainingSessions.create") }];

/** yyyy-mm-dd from a date input, a real calendar date (no 31/02), not in the future. */
const heldOnField = z
  .string({ required_error: "form.required", invalid_type_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "trainingSessions.date.invalid")
  .transform((value, ctx) => {
    const date = parseIsoDay(value);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "trainingSessions.date.invalid" });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "trainingSessions.date.future" });
      return z.NEVER;
    }
    return date;
  });

const trainingSessionSchema = z.object({
  unitId: requiredField,
  heldOn: heldOnField,
  place: requiredField,
  kind: z.enum(TRAINING_SESSION_KINDS, { errorMap: () => ({ message: "form.invalid" }) }),
  trainer: requiredField,
  headcount: z
    .union([z.literal(""), z.coerce.number({ invalid_type_error: "trainingSessions.headcount.invalid" })])
    .transform((value) => (value === "" ? null : value))
    .pipe(z.number().int("trainingSessions.headcount.invalid").min(0, "trainingSessions.headcount.invalid").max(100_000, "trainingSessions.headcount.invalid").nullable()),
  headcountGroup: z.string().transform((value) => value || null),
});

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
  const formData = await readForm(request);
  const form = parseForm(formData, trainingSessionSchema);
  if (!form.ok) return rejectForm(form);
  const known = new Set((await getCatalogue()).courses.map((course) => course.slug));
  const courseSlugs = formData.getAll("course").filter((slug): slug is string => typeof slug === "string" && known.has(slug));
  if (courseSlugs.length === 0) return rejectForm({ errors: { course: "trainingSessions.courses.missing" }, values: form.values });
  const { headcount, headcountGroup } = form.data;
  if (headcount && !(headcountGroup && isTargetGroup(headcountGroup))) {
    return rejectForm({ errors: { headcountGroup: "trainingSessions.headcountGroup.missing" }, values: form.values });
  }
  const trainingSession = await createTrainingSession(admin, {
    ...form.data,
    courseSlugs,
    headcount: headcount || null,
    headcountGroup: headcount ? headcountGroup : null,
  });
  if (!trainingSession) return rejectForm({ errors: { unitId: "form.unknown_ward" }, values: form.values });
  return redirect(`/quan-tri/buoi-hoc/${trainingSession.id}`);
}

export default function NewTrainingSessionPage() {
  const t = useT();
  const { wards, formerWards, courses, targetGroups } = useLoaderData<typeof loader>();
  const { errors, values, message, submitting } = useFormState();
  return (
    <section className="narrow">
      <h1>{t("trainingSessions.create")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormMessage message={message} />
        <SelectField
          name="unitId"
          label={t("form.ward")}
          options={wards}
          groups={[formerWards]}
          placeholder={wards.length > 1 ? t("form.choose") : undefined}
          defaultValue={values.unitId}
          error={errors.unitId}
        />
        <TextField name="heldOn" type="date" label={t("trainingSessions.date")} defaultValue={values.heldOn} error={errors.heldOn} />
        <TextField name="place" label={t("trainingSessions.place")} defaultValue={values.place} error={errors.place} />
        <SelectField
          name="kind"
          label={t("trainingSessions.kind")}
          options={[
            { value: "training", label: t("trainingSessions.kind.training") },
            { value: "communication", label: t("trainingSessions.kind.communication") },
          ]}
          defaultValue={values.kind}
          error={errors.kind}
        />
        <fieldset className="question">
          <legend>{t("trainingSessions.courses")}</legend>
          {courses.map((course) => (
            <label key={course.slug} className="choice">
              <input type="checkbox" name="course" value={course.slug} />
              <span>{course.title}</span>
            </label>
          ))}
          <FieldError error={errors.course} />
        </fieldset>
        <TextField name="trainer" label={t("trainingSessions.trainer")} defaultValue={values.trainer} error={errors.trainer} />
        <TextField
          name="headcount"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("trainingSessions.headcount")}
          hint={t("trainingSessions.headcountHint")}
          defaultValue={values.headcount}
          error={errors.headcount}
        />
        <TargetGroupField name="headcountGroup" label="trainingSessions.headcountGroup" options={targetGroups} defaultValue={values.headcountGroup} error={errors.headcountGroup} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("trainingSessions.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
