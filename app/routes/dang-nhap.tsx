import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { pageTitle, useT } from "#app/i18n/use-t";
import { attemptKeysFor, giveBackAttempt, takeAttempt } from "#app/models/sign-in-attempt.server";
import { hasCurrentConsent } from "#app/models/consent.server";
import { verifySignIn } from "#app/models/user.server";
import { getUser, startSession } from "#app/utils/auth.server";
import { getClientAddress } from "#app/utils/load-context.server";
import { parseForm, text } from "#app/utils/forms";
import { readForm, rejectForm, requireRedirectTarget } from "#app/utils/forms.server";
import { normalisePhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "signIn.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function signInSchema() {
  return z.object({
    identifier: text().trim().min(1, "form.required").max(254, "form.tooLong"),
    password: text().min(1, "form.required").max(200, "form.tooLong"),
  });
}

/** A phone number in its one stored form, or an email address in lower case. */
function parseIdentifier(identifier: string): { phone: string } | { email: string } | null {
  if (identifier.includes("@")) return { email: identifier.toLowerCase() };
  const phone = normalisePhone(identifier);
  return phone ? { phone } : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const redirectTo = requireRedirectTarget(formData);
  const form = parseForm(formData, signInSchema());
  if (!form.ok) return rejectForm(form);
  const lookup = parseIdentifier(form.data.identifier);
  if (!lookup) return rejectForm({ errors: { identifier: "signIn.identifierInvalid" }, values: form.values });

  const attempt = await attemptKeysFor(lookup, getClientAddress(context));
  if (!(await takeAttempt(attempt))) return rejectForm({ message: "signIn.tooManyAttempts", values: form.values }, 429);
  const user = await verifySignIn(lookup, form.data.password);
  if (!user) return rejectForm({ message: "signIn.failed", values: form.values });
  await giveBackAttempt(attempt);
  const cookie = await startSession(user.id);
  // Until the phone is confirmed, each sign-in first says so and offers a code; then, after a
  // material change of the privacy notice, the person is asked to agree to it again.
  const next = !user.phoneConfirmed
    ? "/tai-khoan/so-dien-thoai"
    : (await hasCurrentConsent(user.id))
      ? redirectTo
      : `/tai-khoan/dong-y?redirectTo=${encodeURIComponent(redirectTo)}`;
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function SignInPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>{t("signIn.title")}</h1>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <ErrorSummary message={actionData?.message} errors={actionData?.errors} labels={{ identifier: t("signIn.identifier"), password: t("form.password") }} />
        <TextField
          name="identifier"
          label={t("signIn.identifier")}
          hint={t("signIn.identifierHint")}
          autoComplete="username"
          defaultValue={actionData?.values.identifier}
          inputMode="email"
          required
          error={actionData?.errors.identifier}
        />
        <TextField name="password" type="password" label={t("form.password")} autoComplete="current-password" required error={actionData?.errors.password} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("signIn.submit")}
        </button>
      </Form>
      <details className="forgot-password">
        <summary>{t("signIn.forgot")}</summary>
        <p>{t("signIn.forgotBody")}</p>
        <p>
          <Link to="/thiet-lap">{t("signIn.forgotLink")}</Link>
        </p>
      </details>
      <p>
        <Link to="/thiet-lap">{t("signIn.firstTime")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to="/dang-ky">{t("nav.signUp")}</Link>
      </p>
    </section>
  );
}
