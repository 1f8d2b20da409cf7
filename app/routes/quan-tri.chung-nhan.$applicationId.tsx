import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { certificateCard } from "#app/components/certificate-card.server";
import { applicationStatusKey, CertificateCard, certificationEventKey, organisationKindKey } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FormMessage, TextField } from "#app/components/form-field";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { approveApplication, decideWithMessage, getApplicationForReview, recordInspection, revokeCertificate } from "#app/models/certification/review.server";
import { SELF_ASSESSMENT } from "#app/models/certification/self-assessment";
import { getCertificationCourse } from "#app/models/certification/terms.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, parseIsoDay } from "#app/utils/dates";
import { type EchoedValues, type FieldErrors, parseForm, requiredField, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse, notFound } from "#app/utils/http.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

const messageField = text().trim().min(1, "review.message.missing").max(2000, "form.tooLong");

/** yyyy-mm-dd from a date input: a real calendar date in Hà Nội, not in the future. */
const visitedOnField = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "review.date.invalid")
  .transform((value, ctx) => {
    const date = parseIsoDay(value);
    if (!date || date.getTime() > Date.now()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "review.date.invalid" });
      return z.NEVER;
    }
    return date;
  });

const decisionSchema = z.object({ message: messageField });
const inspectionSchema = z.object({
  visitedOn: visitedOnField,
  inspector: requiredField,
  findings: text().trim().min(1, "form.required").max(4000, "form.tooLong"),
});
const revokeSchema = z.object({ certificateId: requiredField, reason: messageField });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const now = new Date();
  const [application, lang, course] = await Promise.all([
    getApplicationForReview(admin, params.applicationId ?? "", now),
    getLang(request),
    getCertificationCourse(),
  ]);
  if (!application) throw notFound();
  const profile = application.submittedProfile;
  return {
    id: application.id,
    kind: application.kind,
    status: application.status,
    name: profile?.name ?? application.organisation.name,
    profile: profile && {
      kind: profile.kind,
      taxCode: profile.taxCode,
      ward: profile.wardName,
      sector: profile.sector,
      craftVillage: profile.craftVillage,
      workerCount: profile.workerCount,
      workersUnder13: profile.workersUnder13,
      workers13To15: profile.workers13To15,
      workers15To18: profile.workers15To18,
    },
    renews: application.renews ? application.renews.code : null,
    submittedOn: application.submittedAt ? formatDate(application.submittedAt) : null,
    assessedOn: application.assessedAt ? formatDate(application.assessedAt) : null,
    answers: SELF_ASSESSMENT.filter((question) => question.id in application.answers).map((question) => ({
      id: question.id,
      prompt: question.prompt[lang],
      article: question.article[lang],
      answer: application.answers[question.id] === "yes" ? ("yes" as const) : ("no" as const),
      compliant: application.answers[question.id] !== question.breach,
    })),
    pledge: application.pledgedAt
      ? { name: application.pledgeName ?? "", position: application.pledgePosition ?? "", on: formatDate(application.pledgedAt) }
      : null,
    submitter: application.submitter ? { name: application.submitter.fullName, phone: formatPhone(application.submitter.phone) } : null,
    course: lang === "en" ? course.titleEn : course.title,
    completion: application.completion ? { on: formatDate(application.completion.completedAt), rule: application.completion.rule } : null,
    refresher: application.refresher?.map((module) => ({ slug: module.slug, title: lang === "en" ? module.titleEn : module.title, passed: module.passed })) ?? null,
    events: application.events.map((event) => ({ id: event.id, kind: event.kind, message: event.message, actor: event.actor, on: formatDate(event.createdAt) })),
    inspections: application.inspections.map((inspection) => ({ ...inspection, visitedOn: formatDate(inspection.visitedOn) })),
    otherApplications: application.otherApplications.map((other) => ({
      id: other.id,
      kind: other.kind,
      status: other.status,
      on: formatDate(other.decidedAt ?? other.submittedAt ?? new Date()),
    })),
    certificates: application.certificates.map((certificate) => ({
      ...certificateCard(certificate),
      id: certificate.id,
      revocable: certificate.status === "valid" || certificate.status === "not_yet_valid",
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const applicationId = params.applicationId ?? "";
  const back = `/quan-tri/chung-nhan/${applicationId}`;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "approve") {
    const result = await approveApplication(admin, applicationId);
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ message: "review.not_in_review", values: { intent: "decide" } });
    return redirect(`${back}?${new URLSearchParams({ "da-duyet": result.certificate.code })}`);
  }
  if (intent === "rejected" || intent === "changes_requested") {
    const form = parseForm(formData, decisionSchema);
    if (!form.ok) return rejectForm(form);
    const result = await decideWithMessage(admin, applicationId, intent, form.data.message);
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ message: "review.not_in_review", values: form.values });
    return redirect(`${back}?da-quyet-dinh=1`);
  }
  if (intent === "inspection") {
    const form = parseForm(formData, inspectionSchema);
    if (!form.ok) return rejectForm(form);
    invariantResponse(await recordInspection(admin, applicationId, form.data), 404);
    return redirect(`${back}?da-kiem-tra=1`);
  }
  if (intent === "revoke") {
    const form = parseForm(formData, revokeSchema);
    if (!form.ok) return rejectForm(form);
    const result = await revokeCertificate(admin, form.data.certificateId, form.data.reason);
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ message: "review.already_revoked", values: form.values });
    return redirect(`${back}?da-thu-hoi=1`);
  }
  return rejectForm({ message: "form.invalid" });
}

const RULE_LABEL: Record<string, MessageKey> = { online: "review.rule.online", "in-person": "review.rule.in-person" };

export default function ReviewApplicationPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const approvedCode = searchParams.get("da-duyet");
  const notice = approvedCode
    ? t("review.approved", { code: approvedCode })
    : searchParams.has("da-quyet-dinh")
      ? t("review.decided")
      : searchParams.has("da-kiem-tra")
        ? t("review.inspectionSaved")
        : searchParams.has("da-thu-hoi")
          ? t("review.revoked")
          : null;
  const problemFor = (intent: string) => (actionData?.values.intent === intent ? actionData : null);
  const decisionProblem = problemFor("decide") ?? problemFor("rejected") ?? problemFor("changes_requested");
  return (
    <section>
      <p>
        <Link to="/quan-tri/chung-nhan">← {t("review.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      {notice && !actionData ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        {t(data.kind === "renewal" ? "cert.kind.renewal" : "cert.kind.initial")}:{" "}
        <strong className={`application-status application-status--${data.status}`}>{t(applicationStatusKey(data.status))}</strong>
        {data.submittedOn ? ` · ${t("review.submittedOn", { date: data.submittedOn })}` : null}
      </p>
      {data.renews ? <p>{t("review.renews", { code: data.renews })}</p> : null}
      {data.submitter ? <p>{t("review.submitter", { name: data.submitter.name, phone: data.submitter.phone })}</p> : null}

      {data.profile ? (
        <>
          <h2>{t("review.profile")}</h2>
          <dl className="facts">
            <dt>{t("org.kind")}</dt>
            <dd>{t(organisationKindKey(data.profile.kind))}</dd>
            <dt>{t("org.taxCode")}</dt>
            <dd>{data.profile.taxCode ?? "—"}</dd>
            <dt>{t("form.ward")}</dt>
            <dd>{data.profile.ward}</dd>
            <dt>{t("org.sector")}</dt>
            <dd>{data.profile.sector}</dd>
            <dt>{t("org.craftVillage")}</dt>
            <dd>{data.profile.craftVillage ? t("org.yes") : t("org.no")}</dd>
            <dt>{t("org.workerCount")}</dt>
            <dd>{data.profile.workerCount}</dd>
            <dt>{t("org.workersUnder13")}</dt>
            <dd>{data.profile.workersUnder13}</dd>
            <dt>{t("org.workers13To15")}</dt>
            <dd>{data.profile.workers13To15}</dd>
            <dt>{t("org.workers15To18")}</dt>
            <dd>{data.profile.workers15To18}</dd>
          </dl>
        </>
      ) : null}

      <h2>{t("review.course")}</h2>
      <p>
        {data.completion && data.submitter
          ? t("review.courseDone", { name: data.submitter.name, date: data.completion.on, rule: t(RULE_LABEL[data.completion.rule] ?? "review.rule.online") })
          : t("review.courseMissing")}
      </p>
      {data.refresher ? (
        <>
          <h3>{t("review.refresher")}</h3>
          <ul>
            {data.refresher.map((module) => (
              <li key={module.slug}>
                {module.title}: {module.passed ? t("refresher.passed") : t("refresher.todo")}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("review.answers")}</h2>
      {data.assessedOn ? <p className="muted">{t("review.answeredOn", { date: data.assessedOn })}</p> : null}
      <ol className="review">
        {data.answers.map((answer) => (
          <li key={answer.id} className="review__item">
            <p className="review__prompt">{answer.prompt}</p>
            <p>
              {t("review.answer")}: <strong>{t(answer.answer === "yes" ? "assessment.yes" : "assessment.no")}</strong>
              {answer.compliant ? ` (${t("review.compliant")})` : null}
            </p>
            <p className="muted">{t("assessment.article", { article: answer.article })}</p>
          </li>
        ))}
      </ol>

      {data.pledge ? (
        <>
          <h2>{t("review.pledge")}</h2>
          <blockquote className="pledge">{t("pledge.text", { organisation: data.name })}</blockquote>
          <p>{t("review.pledgedBy", { name: data.pledge.name, position: data.pledge.position, date: data.pledge.on })}</p>
        </>
      ) : null}

      {data.status === "submitted" ? (
        <section aria-labelledby="decide-title" className="decision">
          <h2 id="decide-title">{t("review.decide")}</h2>
          <FormMessage message={decisionProblem?.message} />
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <button type="submit" className="button button--primary">
              {t("review.approve")}
            </button>
          </Form>
          <DecisionWithMessage intent="changes_requested" label={t("review.changesMessage")} button={t("review.requestChanges")} problem={problemFor("changes_requested")} />
          <DecisionWithMessage intent="rejected" label={t("review.rejectReason")} button={t("review.reject")} problem={problemFor("rejected")} />
        </section>
      ) : null}

      <h2>{t("cert.certificates")}</h2>
      <ul className="record-list">
        {data.certificates.map((certificate) => (
          <CertificateCard key={certificate.id} certificate={certificate}>
            {certificate.revocable ? (
              <Form method="post" className="stack narrow" noValidate>
                <h3>{t("review.revoke")}</h3>
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="certificateId" value={certificate.id} />
                <FormMessage message={problemFor("revoke")?.values.certificateId === certificate.id ? problemFor("revoke")?.message : null} />
                <TextField
                  name="reason"
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

      <h2>{t("review.inspections")}</h2>
      {data.inspections.length === 0 ? <p>{t("review.noInspections")}</p> : null}
      <ul className="record-list">
        {data.inspections.map((inspection) => (
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
        <TextField
          name="inspector"
          label={t("review.inspector")}
          defaultValue={problemFor("inspection")?.values.inspector}
          error={problemFor("inspection")?.errors.inspector}
        />
        <TextField
          name="findings"
          label={t("review.findings")}
          defaultValue={problemFor("inspection")?.values.findings}
          error={problemFor("inspection")?.errors.findings}
        />
        <button type="submit" className="button">
          {t("review.saveInspection")}
        </button>
      </Form>

      <h2>{t("review.history")}</h2>
      <ol className="history">
        {data.events.map((event) => (
          <li key={event.id}>
            {event.on}: {t(certificationEventKey(event.kind))}
            {event.actor ? ` (${event.actor})` : null}
            {event.message ? <blockquote className="history__message">{event.message}</blockquote> : null}
          </li>
        ))}
      </ol>
      {data.otherApplications.length > 0 ? (
        <>
          <h3>{t("review.otherApplications")}</h3>
          <ul>
            {data.otherApplications.map((other) => (
              <li key={other.id}>
                <Link to={`/quan-tri/chung-nhan/${other.id}`}>
                  {t(other.kind === "renewal" ? "cert.kind.renewal" : "cert.kind.initial")}: {t(applicationStatusKey(other.status))} ({other.on})
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A decision that tells the organisation why: asking for changes, or rejecting. */
function DecisionWithMessage({ intent, label, button, problem }: { intent: string; label: string; button: string; problem: { values: EchoedValues; errors: FieldErrors } | null }) {
  return (
    <Form method="post" className="stack narrow" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <TextField name="message" label={label} defaultValue={problem?.values.message} error={problem?.errors.message} />
      <button type="submit" className="button">
        {button}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
