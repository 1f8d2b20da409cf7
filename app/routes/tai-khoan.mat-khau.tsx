import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "#app/components/error-summary";
import { TextField, useFormState } from "#app/components/form-field";
import { pageTitle, useT } from "#app/i18n/use-t";
import { attemptKeysFor, giveBackAttempt, takeAttempt } from "#app/models/sign-in-attempt.server";
import { changePassword } from "#app/models/user.server";
import { requireUser, restartSessions } from "#app/utils/auth.server";
import { newPasswordField, parseForm, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { getClientAddress } from "#app/utils/load-context.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "password.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function changePasswordSchema() {
  return z.object({
    currentPassword: text().min(1, "form.required").max(200, "form.tooLong"),
    newPassword: newPasswordField,
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await readForm(request), changePasswordSchema());
  if (!form.ok) return rejectForm(form);
  // A stolen session must not become a way to guess the password: the sign-in limit applies.
  const attempt = await attemptKeysFor({ userId: user.id }, getClientAddress(context));
  if (!(await takeAttempt(attempt))) return rejectForm({ message: "signIn.tooManyAttempts" }, 429);
  if (!(await changePassword(user.id, form.data.currentPassword, form.data.newPassword))) {
    return rejectForm({ errors: { currentPassword: "password.currentWrong" } });
  }
  await giveBackAttempt(attempt);
  return redirect("/tai-khoan/mat-khau?da-doi=1", { headers: { "Set-Cookie": await restartSessions(user.id) } });
}

export default function ChangePasswordPage() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const { rejected, errors, message, submitting } = useFormState();
  return (
    <section className="narrow">
      <h1>{t("password.title")}</h1>
      {searchParams.has("da-doi") && !rejected ? (
        <p className="notice" role="status" data-form-result="">
          {t("password.changed")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary message={message} errors={errors} labels={{ currentPassword: t("password.current"), newPassword: t("password.new") }} />
        <TextField name="currentPassword" type="password" label={t("password.current")} autoComplete="current-password" required error={errors.currentPassword} />
        <TextField name="newPassword" type="password" label={t("password.new")} hint={t("form.passwordHint")} autoComplete="new-password" required error={errors.newPassword} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}
