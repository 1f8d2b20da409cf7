import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, fieldId } from "#app/components/error-summary";
import { FieldError, SelectField, TextField } from "#app/components/form-field";
import { getCatalogue } from "#app/content/catalogue.server";
import { isTargetGroup } from "#app/content/programme.server";
import { targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { createTrainingSession, SESSION_KINDS } from "#app/models/training-session.server";
import { wardOptions } from "#app/models/unit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseIsoDay } from "#app/utils/dates";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "sessions.create") }];

/** yyyy-mm-dd from a date input, a real calendar date (no 31/02), not in the future. */
const heldOnField = z
  .string({ required_error: "form.required", invalid_type_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "sessions.date.invalid")
  .transform((value, ctx) => {
    const date = parseIsoDay(value);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "sessions.date.invalid" });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "sessions.date.future" });
      return z.NEVER;
    }
    return date;
  });

const sessionSchema = z.object({
  unitId: requiredField,
  heldOn: heldOnField,
  place: requiredField,
  kind: z.enum(SESSION_KINDS, { errorMap: () => ({ message: "form.invalid" }) }),
  trainer: requiredField,
  headcount: z
    .union([z.literal(""), z.coerce.number({ invalid_type_error: "sessions.headcount.invalid" })])
    .transform((value) => (value === "" ? null : value))
    .pipe(z.number().int("sessions.headcount.invalid").min(0, "sessions.headcount.invalid").max(100_000, "sessions.headcount.invalid").nullable()),
  headcountGroup: z.string().transform((value) => value || null),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [lang, wards, catalogue] = await Promise.all([getLang(request), wardOptions(admin), getCatalogue()]);
  return {
    targetGroups: targetGroupOptions(lang),
    wards,
    courses: catalogue.courses.map((course) => ({ slug: course.slug, title: lang === "en" ? course.titleEn : course.title })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const form = parseForm(formData, sessionSchema);
  if (!form.ok) return rejectForm(form);
  const known = new Set((await getCatalogue()).courses.map((course) => course.slug));
  const courseSlugs = formData.getAll("course").filter((slug): slug is string => typeof slug === "string" && known.has(slug));
  if (courseSlugs.length === 0) return rejectForm({ errors: { course: "sessions.courses.missing" }, values: form.values });
  const { headcount, headcountGroup } = form.data;
  if (headcount && !(headcountGroup && isTargetGroup(headcountGroup))) {
    return rejectForm({ errors: { headcountGroup: "sessions.headcountGroup.missing" }, values: form.values });
  }
  const session = await createTrainingSession(admin, {
    ...form.data,
    courseSlugs,
    headcount: headcount || null,
    headcountGroup: headcount ? headcountGroup : null,
  });
  if (!session) return rejectForm({ errors: { unitId: "form.unknown_ward" }, values: form.values });
  return redirect(`/quan-tri/buoi-hoc/${session.id}`);
}

export default function NewSessionPage() {
  const t = useT();
  const { wards, courses, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("sessions.create")}</h1>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary
          message={actionData?.message}
          errors={errors}
          labels={{
            unitId: t("form.ward"),
            heldOn: t("sessions.date"),
            place: t("sessions.place"),
            kind: t("sessions.kind"),
            course: t("sessions.courses"),
            trainer: t("sessions.trainer"),
            headcount: t("sessions.headcount"),
            headcountGroup: t("sessions.headcountGroup"),
          }}
        />
        <SelectField
          name="unitId"
          label={t("form.ward")}
          options={wards}
          placeholder={wards.length > 1 ? t("form.choose") : undefined}
          defaultValue={values.unitId}
          error={errors.unitId}
        />
        <TextField name="heldOn" type="date" label={t("sessions.date")} defaultValue={values.heldOn} error={errors.heldOn} />
        <TextField name="place" label={t("sessions.place")} defaultValue={values.place} error={errors.place} />
        <SelectField
          name="kind"
          label={t("sessions.kind")}
          options={[
            { value: "training", label: t("sessions.kind.training") },
            { value: "communication", label: t("sessions.kind.communication") },
          ]}
          defaultValue={values.kind}
          error={errors.kind}
        />
        <fieldset className="question">
          <legend>{t("sessions.courses")}</legend>
          {courses.map((course, index) => (
            <label key={course.slug} className="choice">
              <input type="checkbox" name="course" value={course.slug} id={index === 0 ? fieldId("course") : undefined} />
              <span>{course.title}</span>
            </label>
          ))}
          <FieldError error={errors.course} />
        </fieldset>
        <TextField name="trainer" label={t("sessions.trainer")} defaultValue={values.trainer} error={errors.trainer} />
        <TextField
          name="headcount"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("sessions.headcount")}
          hint={t("sessions.headcountHint")}
          defaultValue={values.headcount}
          error={errors.headcount}
        />
        <SelectField
          name="headcountGroup"
          label={t("sessions.headcountGroup")}
          options={targetGroups}
          placeholder={t("form.choose")}
          defaultValue={values.headcountGroup}
          error={errors.headcountGroup}
        />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("sessions.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
