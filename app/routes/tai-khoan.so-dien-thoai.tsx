import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getPhoneConfirmation, PHONE_CODE, requestPhoneCode, verifyPhoneCode } from "#app/models/phone-confirmation.server";
import { requireUser } from "#app/utils/auth.server";
import { parseForm, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { getClientAddress } from "#app/utils/load-context.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "phone.title") }];

const PAGE = "/tai-khoan/so-dien-thoai";

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function verifySchema() {
  return z.object({
    code: text()
      .transform((value) => value.replace(/\s/g, ""))
      .pipe(z.string().regex(/^\d{6}$/, "phone.codeInvalid")),
  });
}

const VERIFY_PROBLEM = { wrong: "phone.codeWrong", locked: "phone.codeLocked", expired: "phone.codeExpired" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const confirmation = await getPhoneConfirmation(user.id);
  invariantResponse(confirmation, 404);
  return { phone: formatPhone(confirmation.phone), confirmed: confirmation.confirmed, validMinutes: PHONE_CODE.validMinutes };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "send") {
    const result = await requestPhoneCode({ userId: user.id, clientAddress: getClientAddress(context), lang: await getLang(request) });
    if (result.ok || result.error === "confirmed") return redirect(result.ok ? `${PAGE}?da-gui=1` : PAGE);
    return result.error === "limited" ? rejectForm({ message: "phone.limited" }, 429) : rejectForm({ message: "phone.notSent" }, 503);
  }
  if (intent === "verify") {
    const form = parseForm(formData, verifySchema());
    if (!form.ok) return rejectForm(form);
    const result = await verifyPhoneCode(user.id, form.data.code);
    if (!result.ok) return rejectForm({ errors: { code: VERIFY_PROBLEM[result.error] } });
    return redirect(`${PAGE}?da-xac-nhan=1`);
  }
  return rejectForm({ message: "form.invalid" });
}

export default function PhoneConfirmationPage() {
  const t = useT();
  const { phone, confirmed, validMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  if (confirmed) {
    return (
      <section className="narrow">
        <h1>{t("phone.title")}</h1>
        {searchParams.has("da-xac-nhan") ? (
          <p className="notice" role="status" data-form-result="">
            {t("phone.justConfirmed")}
          </p>
        ) : null}
        <p>{t("phone.confirmed", { phone })}</p>
        <p>
          <Link to="/">{t("error.home")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("phone.title")}</h1>
      <p>{t("phone.unconfirmed", { phone })}</p>
      {searchParams.has("da-gui") && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t("phone.sent", { phone, minutes: validMinutes })}
        </p>
      ) : null}
      <ErrorSummary message={actionData?.message} errors={actionData?.errors} labels={{ code: t("phone.code") }} />
      <Form method="post" className="stack">
        <p>{t("phone.sendIntro")}</p>
        <input type="hidden" name="intent" value="send" />
        <button type="submit" className="button" disabled={submitting}>
          {t("phone.send")}
        </button>
      </Form>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="verify" />
        <TextField
          name="code"
          label={t("phone.code")}
          hint={t("phone.codeHint")}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
          required
          error={actionData?.errors.code}
        />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("phone.submit")}
        </button>
      </Form>
      <p>{t("phone.wardHelp")}</p>
      <p>
        <Link to="/">{t("phone.later")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
