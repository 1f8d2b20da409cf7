import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { CertificateCard } from "#app/components/certificate-status";
import { ErrorSummary, fieldId } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { useT } from "#app/i18n/use-t";
import type { EchoedValues, FieldErrors } from "#app/utils/forms";

import type { action, loader } from "./route";

/** The refusal of the form posted with this intent, if that is the form that came back. */
function useProblemFor() {
  const actionData = useActionData<typeof action>();
  return (intent: string) => (actionData?.values.intent === intent ? actionData : null);
}

/** Approving, asking for changes or rejecting an application in review. */
export function DecisionSection() {
  const t = useT();
  const problemFor = useProblemFor();
  const decisionProblem = problemFor("decide") ?? problemFor("rejected") ?? problemFor("changes_requested");
  return (
    <section aria-labelledby="decide-title" className="decision">
      <h2 id="decide-title">{t("review.decide")}</h2>
      <ErrorSummary message={decisionProblem?.message} />
      <Form method="post">
        <input type="hidden" name="intent" value="approve" />
        <button type="submit" className="button button--primary">
          {t("review.approve")}
        </button>
      </Form>
      <DecisionWithMessage intent="changes_requested" label={t("review.changesMessage")} button={t("review.requestChanges")} problem={problemFor("changes_requested")} />
      <DecisionWithMessage intent="rejected" label={t("review.rejectReason")} button={t("review.reject")} problem={problemFor("rejected")} />
    </section>
  );
}

/** A decision that tells the organisation why: asking for changes, or rejecting. */
function DecisionWithMessage({ intent, label, button, problem }: { intent: string; label: string; button: string; problem: { values: EchoedValues; errors: FieldErrors } | null }) {
  return (
    <Form method="post" className="stack narrow" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <ErrorSummary errors={problem?.errors} labels={{ message: label }} form={intent} />
      <TextField name="message" id={fieldId("message", intent)} label={label} defaultValue={problem?.values.message} error={problem?.errors.message} />
      <button type="submit" className="button">
        {button}
      </button>
    </Form>
  );
}

/** The organisation's certificates, each valid one with the form that revokes it. */
export function CertificatesSection() {
  const t = useT();
  const { certificates } = useLoaderData<typeof loader>();
  const problemFor = useProblemFor();
  return (
    <>
      <h2>{t("cert.certificates")}</h2>
      <ul className="record-list">
        {certificates.map((certificate) => (
          <CertificateCard key={certificate.id} certificate={certificate}>
            {certificate.revocable ? (
              <Form method="post" className="stack narrow" noValidate>
                <h3>{t("review.revoke")}</h3>
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="certificateId" value={certificate.id} />
                {problemFor("revoke")?.values.certificateId === certificate.id ? (
                  <ErrorSummary message={problemFor("revoke")?.message} errors={problemFor("revoke")?.errors} labels={{ reason: t("review.revokeReason") }} form={certificate.id} />
                ) : null}
                <TextField
                  name="reason"
                  id={fieldId("reason", certificate.id)}
                  label={t("review.revokeReason")}
                  hint={t("review.revokeHint")}
                  error={problemFor("revoke")?.values.certificateId === certificate.id ? problemFor("revoke")?.errors.reason : undefined}
                />
                <button type="submit" className="button button--danger">
                  {t("review.revokeSubmit")}
                </button>
              </Form>
            ) : null}
          </CertificateCard>
        ))}
      </ul>
    </>
  );
}

/** The inspection visits recorded so far, and the form that records one more. */
export function InspectionsSection() {
  const t = useT();
  const { inspections } = useLoaderData<typeof loader>();
  const problemFor = useProblemFor();
  return (
    <>
      <h2>{t("review.inspections")}</h2>
      {inspections.length === 0 ? <p>{t("review.noInspections")}</p> : null}
      <ul className="record-list">
        {inspections.map((inspection) => (
          <li key={inspection.id} className="inspection">
            <p>
              <strong>{inspection.visitedOn}</strong> · {inspection.inspector}
            </p>
            <p>{inspection.findings}</p>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack narrow" noValidate>
        <h3>{t("review.addInspection")}</h3>
        <input type="hidden" name="intent" value="inspection" />
        <TextField
          name="visitedOn"
          type="date"
          label={t("review.visitedOn")}
          defaultValue={problemFor("inspection")?.values.visitedOn}
          error={problemFor("inspection")?.errors.visitedOn}
        />
        <TextField name="inspector" label={t("review.inspector")} defaultValue={problemFor("inspection")?.values.inspector} error={problemFor("inspection")?.errors.inspector} />
        <TextField name="findings" label={t("review.findings")} defaultValue={problemFor("inspection")?.values.findings} error={problemFor("inspection")?.errors.findings} />
        <button type="submit" className="button">
          {t("review.saveInspection")}
        </button>
      </Form>
    </>
  );
}
