import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "#app/components/error-summary";
import { TextField, useFormState } from "#app/components/form-field";
import { pageTitle, useT } from "#app/i18n/use-t";
import { attemptKeysFor, giveBackAttempt, takeAttempt } from "#app/models/sign-in-attempt.server";
import { completeSetup } from "#app/models/user.server";
import { startSession } from "#app/utils/auth.server";
import { getClientAddress } from "#app/utils/load-context.server";
import { newPasswordField, parseForm, phoneField, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "setup.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function setupSchema() {
  return z.object({
    phone: phoneField,
    code: text().trim().min(1, "form.required").max(20, "setup.codeInvalid"),
    password: newPasswordField,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readForm(request), setupSchema());
  if (!form.ok) return rejectForm(form);
  const { phone, code, password } = form.data;
  // Guessing set-up codes is guessing passwords: the same limit, on the same budget, applies.
  const attempt = await attemptKeysFor({ phone }, getClientAddress(context));
  if (!(await takeAttempt(attempt))) return rejectForm({ message: "signIn.tooManyAttempts", values: form.values }, 429);
  const user = await completeSetup(phone, code, password);
  if (!user) return rejectForm({ message: "setup.failed", values: form.values });
  await giveBackAttempt(attempt);
  return redirect("/", { headers: { "Set-Cookie": await startSession(user.id) } });
}

export default function SetupPage() {
  const t = useT();
  const { errors, values, message, submitting } = useFormState();
  return (
    <section className="narrow">
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary message={message} errors={errors} labels={{ phone: t("form.phone"), code: t("setup.code"), password: t("setup.newPassword") }} />
        <TextField name="phone" type="tel" label={t("form.phone")} autoComplete="tel" required defaultValue={values.phone} error={errors.phone} />
        <TextField name="code" label={t("setup.code")} hint={t("setup.codeHint")} autoComplete="one-time-code" autoCapitalize="characters" required error={errors.code} />
        <TextField name="password" type="password" label={t("setup.newPassword")} hint={t("form.passwordHint")} autoComplete="new-password" required error={errors.password} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("setup.submit")}
        </button>
      </Form>
    </section>
  );
}
