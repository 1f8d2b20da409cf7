import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, fieldId } from "#app/components/error-summary";
import { FieldError, TextField, useFormState } from "#app/components/form-field";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getPledgeState, submitApplication } from "#app/models/certification/application.server";
import { getMyOrganisation } from "#app/models/certification/organisation.server";
import { lastValidDay } from "#app/models/certification/rules.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { fullNameField, parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "pledge.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function pledgeSchema() {
  return z.object({
    signerName: fullNameField,
    signerPosition: requiredField,
    confirm: z.literal("on", { errorMap: () => ({ message: "pledge.confirm.missing" }) }),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [state, mine] = await Promise.all([getPledgeState(user), getMyOrganisation(user.id)]);
  if (!mine) throw redirect("/co-so");
  return {
    organisation: mine.organisation.name,
    today: formatDate(new Date()),
    signerName: user.fullName,
    state: state.ok
      ? { ok: true as const, answered: state.answered, renewal: state.kind === "renewal" }
      : {
          ok: false as const,
          reason: state.reason,
          until: state.reason === "certified" ? formatDate(lastValidDay(state.expiresAt)) : "",
          opens: state.reason === "certified" ? formatDate(state.renewalOpensAt) : "",
        },
  };
}

const PROBLEM: Record<string, MessageKey> = {
  no_organisation: "cert.gate.no_organisation",
  course_not_completed: "cert.gate.course_not_completed",
  in_review: "cert.gate.in_review",
  certified: "cert.gate.certified",
  refresher_needed: "cert.gate.refresher_needed",
  assessment_needed: "cert.gate.assessment_needed",
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await readForm(request), pledgeSchema());
  if (!form.ok) return rejectForm(form);
  const result = await submitApplication(user, { signerName: form.data.signerName, signerPosition: form.data.signerPosition });
  // Certified meanwhile (a renewal approved elsewhere): the page says until when, with its dates.
  if (!result.ok && result.reason === "certified") return redirect("/co-so/cam-ket");
  if (!result.ok) return rejectForm({ message: PROBLEM[result.reason] ?? "form.invalid", values: form.values });
  return redirect("/co-so?da-gui=1");
}

export default function PledgePage() {
  const t = useT();
  const { organisation, today, signerName, state } = useLoaderData<typeof loader>();
  const { errors, values, message, submitting } = useFormState();
  return (
    <section className="narrow">
      <p>
        <Link to="/co-so">← {t("org.title")}</Link>
      </p>
      <h1>{t("pledge.title")}</h1>
      {!state.ok ? (
        <>
          <p className="form-message" role="alert">
            {t(PROBLEM[state.reason] ?? "form.invalid", { date: state.until, opens: state.opens })}
          </p>
          {state.reason === "assessment_needed" ? (
            <p>
              <Link to="/co-so/danh-gia" className="button button--primary">
                {t("cert.startAssessment")}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <Form method="post" className="stack" noValidate>
          {state.renewal ? <p className="badge">{t("cert.kind.renewal")}</p> : null}
          <p className="status status--done">{t("pledge.assessed", { count: state.answered })}</p>
          <blockquote className="pledge">{t("pledge.text", { organisation })}</blockquote>
          <ErrorSummary
            message={message}
            errors={errors}
            labels={{ signerName: t("pledge.signerName"), signerPosition: t("pledge.signerPosition"), confirm: t("pledge.confirm") }}
          />
          <TextField name="signerName" label={t("pledge.signerName")} autoComplete="name" defaultValue={values.signerName ?? signerName} error={errors.signerName} />
          <TextField
            name="signerPosition"
            label={t("pledge.signerPosition")}
            hint={t("pledge.signerPositionHint")}
            defaultValue={values.signerPosition}
            error={errors.signerPosition}
          />
          <dl className="facts">
            <dt>{t("pledge.date")}</dt>
            <dd>{today}</dd>
          </dl>
          <div className="field">
            <label className="choice">
              <input
                type="checkbox"
                name="confirm"
                id={fieldId("confirm")}
                aria-invalid={errors.confirm ? true : undefined}
                aria-describedby={errors.confirm ? `${fieldId("confirm")}-error` : undefined}
              />
              <span>{t("pledge.confirm")}</span>
            </label>
            <FieldError id={`${fieldId("confirm")}-error`} error={errors.confirm} />
          </div>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {t("pledge.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
