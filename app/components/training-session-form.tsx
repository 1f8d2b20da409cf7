import { Form, useNavigation } from "@remix-run/react";

import { ErrorSummary, fieldId } from "#app/components/error-summary";
import { FieldError, SelectField, TextField } from "#app/components/form-field";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";
import type { EchoedValues, FieldErrors } from "#app/utils/forms";

type Option = { value: string; label: string };

type TrainingSessionFormProps = {
  wards: Option[];
  /** Former wards leading to their successors, for people who know only the old name. */
  formerWards?: { label: string; options: Option[] };
  courses: { slug: string; title: string }[];
  targetGroups: Option[];
  /** What the form starts with: the session being edited, or nothing for a new one. */
  initial: EchoedValues;
  problem?: { message?: MessageKey | null; errors?: FieldErrors; values?: EchoedValues } | null;
};

/** The form of a training session, to record a new one or correct one already recorded. */
export function TrainingSessionForm({ wards, formerWards, courses, targetGroups, initial, problem }: TrainingSessionFormProps) {
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const errors = problem?.errors ?? {};
  const values = problem?.values ?? initial;
  const ticked = new Set((values.course ?? "").split(","));
  return (
    <Form method="post" className="stack" noValidate>
      <ErrorSummary
        message={problem?.message}
        errors={errors}
        labels={{
          unitId: t("form.ward"),
          heldOn: t("trainingSessions.date"),
          place: t("trainingSessions.place"),
          kind: t("trainingSessions.kind"),
          course: t("trainingSessions.courses"),
          trainer: t("trainingSessions.trainer"),
          headcount: t("trainingSessions.headcount"),
          headcountGroup: t("trainingSessions.headcountGroup"),
        }}
      />
      <SelectField
        name="unitId"
        label={t("form.ward")}
        options={wards}
        groups={formerWards ? [formerWards] : undefined}
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
        {courses.map((course, index) => (
          <label key={course.slug} className="choice">
            <input type="checkbox" name="course" value={course.slug} id={index === 0 ? fieldId("course") : undefined} defaultChecked={ticked.has(course.slug)} />
            <span>{course.title}</span>
          </label>
        ))}
        <FieldError id={`${fieldId("course")}-error`} error={errors.course} />
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
      <SelectField
        name="headcountGroup"
        label={t("trainingSessions.headcountGroup")}
        options={targetGroups}
        placeholder={t("form.choose")}
        defaultValue={values.headcountGroup}
        error={errors.headcountGroup}
      />
      {problem?.message === "trainingSessions.duplicate" ? (
        <label className="choice">
          <input type="checkbox" name="confirmDuplicate" id={fieldId("confirmDuplicate")} />
          <span>{t("trainingSessions.duplicateConfirm")}</span>
        </label>
      ) : null}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {t("trainingSessions.save")}
      </button>
    </Form>
  );
}
