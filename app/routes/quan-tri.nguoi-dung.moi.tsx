import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField, TextField } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { SetupCodeCard } from "#app/components/setup-code-card";
import { isTargetGroup } from "#app/content/programme.server";
import { accountGroupOptions, mayHaveAccount } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { adminWardPicker } from "#app/utils/ward-picker.server";
import { SETUP_CODE_DAYS } from "#app/models/setup-code.server";
import { createUserByAdmin } from "#app/models/user-admin.server";
import { ACCOUNT_PROBLEM_FIELD } from "#app/utils/account-problems";
import { requireAdmin } from "#app/utils/auth.server";
import { fullNameField, optionalEmailField, parseForm, phoneField, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "users.create") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function createUserSchema() {
  return z.object({
    fullName: fullNameField,
    phone: phoneField,
    email: optionalEmailField,
    unitId: requiredField,
    targetGroup: requiredField,
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const lang = await getLang(request);
  const { wards, formerWards } = await adminWardPicker(admin, lang);
  return {
    wards,
    formerWards,
    // Children learn without an account (issue 16): their group is not offered.
    targetGroups: accountGroupOptions(lang),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = parseForm(await readForm(request), createUserSchema());
  if (!form.ok) return rejectForm(form);
  // Checked here, not in the schema: the programme is read on the server only.
  if (!isTargetGroup(form.data.targetGroup) || !mayHaveAccount(form.data.targetGroup)) {
    return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
  }
  const result = await createUserByAdmin(admin, form.data);
  if (!result.ok) {
    const field = ACCOUNT_PROBLEM_FIELD[result.error];
    return rejectForm({ errors: { [field]: `form.${result.error}` as const }, values: form.values });
  }
  // The code is shown once, on this response, and never stored in clear.
  return json({
    created: {
      id: result.value.id,
      fullName: form.data.fullName,
      phone: formatPhone(form.data.phone),
      setupCode: result.value.setupCode,
      validDays: SETUP_CODE_DAYS,
    },
  });
}

export default function CreateUserPage() {
  const t = useT();
  const { wards, formerWards, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (actionData && "created" in actionData) {
    const { created } = actionData;
    return (
      <section className="narrow">
        <h1>{t("users.created")}</h1>
        <SetupCodeCard {...created} />
        <p>
          <Link to={`/quan-tri/nguoi-dung/${created.id}`}>{t("users.openCreated")}</Link>
        </p>
        <p>
          <Link to="/quan-tri/nguoi-dung/moi" reloadDocument>
            {t("users.createAnother")}
          </Link>
        </p>
      </section>
    );
  }
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("users.create")}</h1>
      <p>{t("users.createIntro")}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary
          message={actionData?.message}
          errors={actionData?.errors}
          labels={{ fullName: t("form.fullName"), phone: t("form.phone"), email: t("form.emailOptional"), unitId: t("form.ward"), targetGroup: t("form.targetGroup") }}
        />
        <TextField name="fullName" label={t("form.fullName")} required defaultValue={values.fullName} error={errors.fullName} />
        <TextField name="phone" type="tel" label={t("form.phone")} hint={t("form.phoneHint")} required defaultValue={values.phone} error={errors.phone} />
        <TextField name="email" type="email" label={t("form.emailOptional")} defaultValue={values.email} error={errors.email} />
        <SelectField
          name="unitId"
          label={t("form.ward")}
          options={wards}
          groups={[formerWards]}
          placeholder={wards.length > 1 ? t("form.choose") : undefined}
          required
          defaultValue={values.unitId}
          error={errors.unitId}
        />
        <TargetGroupField options={targetGroups} required defaultValue={values.targetGroup} error={errors.targetGroup} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("users.createSubmit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
