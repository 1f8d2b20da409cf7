import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { pageTitle, useT } from "#app/i18n/use-t";
import { checkOwnPassword, correctOwnName, eraseAccount } from "#app/models/personal-data.server";
import { attemptKeysFor, giveBackAttempt, takeAttempt } from "#app/models/sign-in-attempt.server";
import { endSession, requireUser } from "#app/utils/auth.server";
import { fullNameField, parseForm, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { getClientAddress } from "#app/utils/load-context.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "myData.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function renameSchema() {
  return z.object({ fullName: fullNameField });
}

function deleteSchema() {
  return z.object({ password: text().min(1, "form.required").max(200, "form.tooLong") });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { fullName: user.fullName };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "rename") {
    const form = parseForm(formData, renameSchema());
    if (!form.ok) return rejectForm(form);
    await correctOwnName(user.id, form.data.fullName);
    return redirect("/tai-khoan/du-lieu?da-sua");
  }
  if (intent === "delete") {
    const form = parseForm(formData, deleteSchema());
    if (!form.ok) return rejectForm(form);
    // A stolen session must not become a way to guess the password: the sign-in limit applies.
    const attempt = await attemptKeysFor({ userId: user.id }, getClientAddress(context));
    if (!(await takeAttempt(attempt))) return rejectForm({ message: "signIn.tooManyAttempts" }, 429);
    if (!(await checkOwnPassword(user.id, form.data.password))) return rejectForm({ errors: { password: "password.currentWrong" } });
    await giveBackAttempt(attempt);
    const cookie = await endSession(request);
    await eraseAccount(user.id);
    return redirect("/?da-xoa-tai-khoan", { headers: { "Set-Cookie": cookie } });
  }
  return rejectForm({ message: "form.invalid" });
}

export default function MyDataPage() {
  const t = useT();
  const { fullName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors ?? {};
  return (
    <section className="narrow">
      <h1>{t("myData.title")}</h1>
      <p>
        {t("myData.intro")} <Link to="/quyen-rieng-tu">{t("privacy.read")}</Link>
      </p>
      {searchParams.has("da-sua") && !actionData ? (
        <p className="notice" role="status">
          {t("myData.renamed")}
        </p>
      ) : null}
      <ErrorSummary message={actionData?.message} />

      <h2>{t("myData.download")}</h2>
      <p>{t("myData.downloadIntro")}</p>
      <p>
        <a href="/tai-khoan/du-lieu/json" download className="button">
          {t("myData.json")}
        </a>{" "}
        <a href="/tai-khoan/du-lieu/csv" download className="button">
          {t("myData.csv")}
        </a>
      </p>

      <h2>{t("myData.rename")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="rename" />
        <TextField name="fullName" defaultValue={fullName} label={t("form.fullName")} autoComplete="name" required error={errors.fullName} />
        <button type="submit" className="button">
          {t("myData.renameSubmit")}
        </button>
      </Form>

      <h2>{t("myData.delete")}</h2>
      <p>{t("myData.deleteIntro")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="delete" />
        <TextField name="password" type="password" label={t("myData.deletePassword")} autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="button button--danger">
          {t("myData.deleteSubmit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
