import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "#app/components/error-summary";
import { FieldError, SelectField, TextField, useFormState } from "#app/components/form-field";
import { FormerWardSearch } from "#app/components/former-ward-search";
import { TargetGroupField } from "#app/components/target-group-field";
import { isTargetGroup } from "#app/content/programme.server";
import { accountGroupOptions, mayHaveAccount } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { formerWardGroup } from "#app/i18n/unit-labels";
import { pageTitle, useT } from "#app/i18n/use-t";
import { recordConsent } from "#app/models/consent.server";
import { listFormerWards, searchFormerWards } from "#app/models/former-unit.server";
import { listWards } from "#app/models/unit.server";
import { signUp } from "#app/models/user.server";
import { ACCOUNT_PROBLEM_FIELD } from "#app/utils/account-problems";
import { getUser, startSession } from "#app/utils/auth.server";
import { fullNameField, newPasswordField, optionalEmailField, parseForm, phoneField, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "signUp.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function signUpSchema() {
  return z.object({
    fullName: fullNameField,
    phone: phoneField,
    email: optionalEmailField,
    password: newPasswordField,
    unitId: requiredField,
    targetGroup: requiredField,
    // Ticked, the box posts "on"; unticked, nothing.
    consent: z.literal("on", { errorMap: () => ({ message: "signUp.consentRequired" }) }),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const asked = new URL(request.url).searchParams.get("phuong-cu")?.trim() ?? "";
  const [lang, wards, formerWards, found] = await Promise.all([getLang(request), listWards(), listFormerWards(), asked ? searchFormerWards(asked) : null]);
  // Children learn without an account (issue 16): their group is not offered.
  const targetGroups = accountGroupOptions(lang);
  const answer = found && formerWardGroup(lang, found).options;
  // One successor found: it is chosen for the person; a split ward leaves the choice to them.
  const successors = new Set(answer?.map((option) => option.value));
  return {
    wards: wards.map((ward) => ({ value: ward.id, label: ward.name })),
    formerWards: formerWardGroup(lang, formerWards),
    search: { asked, found: answer?.map((option) => option.label) ?? null, names: [...new Set(formerWards.map((former) => former.name))] },
    chosen: successors.size === 1 ? [...successors][0]! : "",
    targetGroups,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await readForm(request), signUpSchema());
  if (!form.ok) return rejectForm(form);
  // Checked here, not in the schema: the programme is read on the server only.
  if (!isTargetGroup(form.data.targetGroup) || !mayHaveAccount(form.data.targetGroup)) {
    return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
  }
  const { consent: _consent, ...account } = form.data;
  const result = await signUp(account);
  if (!result.ok) {
    const field = ACCOUNT_PROBLEM_FIELD[result.error];
    // The real owner of a phone somebody else signed up with is told how to get the account back.
    const message = result.error === "phone_taken" ? "signUp.phoneTaken" : (`form.${result.error}` as const);
    return rejectForm({ errors: { [field]: message }, values: form.values });
  }
  await recordConsent(result.value.id);
  const cookie = await startSession(result.value.id);
  // The phone is not confirmed yet: the next step is the code sent to it.
  return redirect("/tai-khoan/so-dien-thoai", { headers: { "Set-Cookie": cookie } });
}

export default function SignUpPage() {
  const t = useT();
  const { wards, formerWards, search, chosen, targetGroups } = useLoaderData<typeof loader>();
  const { errors, values, message, submitting } = useFormState();
  return (
    <section className="narrow">
      <h1>{t("signUp.title")}</h1>
      <p>{t("signUp.intro")}</p>
      <FormerWardSearch {...search} />
      <Form method="post" className="stack" noValidate>
        <ErrorSummary
          message={message}
          errors={errors}
          labels={{
            fullName: t("form.fullName"),
            phone: t("form.phone"),
            email: t("form.emailOptional"),
            password: t("form.password"),
            unitId: t("form.ward"),
            targetGroup: t("form.targetGroup"),
          }}
        />
        <TextField name="fullName" defaultValue={values.fullName} label={t("form.fullName")} autoComplete="name" required error={errors.fullName} />
        <TextField name="phone" defaultValue={values.phone} type="tel" label={t("form.phone")} hint={t("form.phoneHint")} autoComplete="tel" required error={errors.phone} />
        <TextField name="email" defaultValue={values.email} type="email" label={t("form.emailOptional")} autoComplete="email" error={errors.email} />
        <TextField name="password" type="password" label={t("form.password")} hint={t("form.passwordHint")} autoComplete="new-password" required error={errors.password} />
        <SelectField
          // A new search remounts the picker, so the ward it found is chosen with JavaScript too.
          key={chosen}
          name="unitId"
          defaultValue={values.unitId ?? chosen}
          label={t("form.ward")}
          hint={t("unit.pickerHint")}
          options={wards}
          groups={[formerWards]}
          placeholder={t("form.choose")}
          required
          error={errors.unitId}
        />
        <TargetGroupField options={targetGroups} defaultValue={values.targetGroup} required error={errors.targetGroup} />
        <div className="field">
          <p id="consent-hint" className="field__hint">
            {t("signUp.consentHint")} <Link to="/quyen-rieng-tu">{t("privacy.read")}</Link>
          </p>
          <label className="choice">
            <input
              type="checkbox"
              name="consent"
              defaultChecked={values.consent === "on"}
              required
              aria-describedby="consent-hint consent-error"
              aria-invalid={errors.consent ? true : undefined}
            />
            <span>{t("signUp.consent")}</span>
          </label>
          <FieldError id="consent-error" error={errors.consent} />
        </div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("signUp.submit")}
        </button>
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to="/dang-nhap">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
