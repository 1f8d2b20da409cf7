import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { organisationKindKey } from "#app/components/certificate-status";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField, TextField } from "#app/components/form-field";
import { OrganisationFacts } from "#app/components/organisation-facts";
import { useT } from "#app/i18n/use-t";

import type { action, loader } from "./route";

/** The organisation's profile: the form that creates it, or its facts with the form to edit them. */
export function ProfileSection() {
  const t = useT();
  const { organisation, wards, formerWards, kinds, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const mine = actionData?.values.intent === "profile" || actionData?.values.intent === undefined;
  const errors = mine ? (actionData?.errors ?? {}) : {};
  const values = mine ? (actionData?.values ?? {}) : {};
  const current = (field: keyof NonNullable<typeof organisation>) => values[field] ?? (organisation ? String(organisation[field] ?? "") : undefined);
  const inReview = state.next === "wait" && state.reason === "in_review";
  const form = (
    <Form method="post" className="stack narrow" noValidate>
      <input type="hidden" name="intent" value="profile" />
      <ErrorSummary
        message={mine ? actionData?.message : null}
        errors={errors}
        labels={{
          kind: t("org.kind"),
          name: t("org.name"),
          taxCode: t("org.taxCode"),
          unitId: t("form.ward"),
          sector: t("org.sector"),
          workerCount: t("org.workerCount"),
          workersUnder13: t("org.workersUnder13"),
          workers13To15: t("org.workers13To15"),
          workers15To18: t("org.workers15To18"),
        }}
      />
      <SelectField
        name="kind"
        label={t("org.kind")}
        options={kinds.map((kind) => ({ value: kind, label: t(organisationKindKey(kind)) }))}
        defaultValue={current("kind")}
        error={errors.kind}
      />
      <TextField name="name" label={t("org.name")} hint={t("org.nameHint")} defaultValue={current("name")} error={errors.name} />
      <TextField name="taxCode" label={t("org.taxCode")} hint={t("org.taxCodeHint")} inputMode="numeric" defaultValue={current("taxCode")} error={errors.taxCode} />
      <SelectField
        name="unitId"
        label={t("form.ward")}
        options={wards}
        groups={[formerWards]}
        placeholder={t("form.choose")}
        defaultValue={current("unitId")}
        error={errors.unitId}
      />
      <TextField name="sector" label={t("org.sector")} hint={t("org.sectorHint")} defaultValue={current("sector")} error={errors.sector} />
      <label className="choice">
        <input type="checkbox" name="craftVillage" defaultChecked={actionData && mine ? values.craftVillage === "on" : Boolean(organisation?.craftVillage)} />
        <span>{t("org.craftVillage")}</span>
      </label>
      <TextField name="workerCount" type="number" inputMode="numeric" min={0} label={t("org.workerCount")} defaultValue={current("workerCount")} error={errors.workerCount} />
      <fieldset className="question">
        <legend>{t("org.countsHint")}</legend>
        <TextField
          name="workersUnder13"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("org.workersUnder13")}
          defaultValue={current("workersUnder13") ?? "0"}
          error={errors.workersUnder13}
        />
        <TextField
          name="workers13To15"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("org.workers13To15")}
          defaultValue={current("workers13To15") ?? "0"}
          error={errors.workers13To15}
        />
        <TextField
          name="workers15To18"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("org.workers15To18")}
          defaultValue={current("workers15To18") ?? "0"}
          error={errors.workers15To18}
        />
      </fieldset>
      <button type="submit" className="button button--primary" disabled={submitting}>
        {t("org.save")}
      </button>
    </Form>
  );
  if (!organisation) {
    return (
      <>
        <h2>{t("org.create")}</h2>
        {form}
      </>
    );
  }
  return (
    <>
      <h2>{t("org.profile")}</h2>
      <OrganisationFacts organisation={organisation} name={organisation.name} />
      {inReview ? (
        <p className="muted">{t("org.in_review")}</p>
      ) : (
        <details className="edit-profile" open={Boolean(actionData && mine)}>
          <summary>{t("org.edit")}</summary>
          {form}
        </details>
      )}
    </>
  );
}
