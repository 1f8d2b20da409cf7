import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { certificateCard } from "#app/components/certificate-card.server";
import { applicationStatusKey, certificationEventKey } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { approveApplication, decideWithMessage, getApplicationForReview, recordInspection, revokeCertificate } from "#app/models/certification/review.server";
import { SELF_ASSESSMENT } from "#app/models/certification/self-assessment";
import { getCertificationCourse } from "#app/models/certification/terms.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, parseIsoDay } from "#app/utils/dates";
import { parseForm, requiredField, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse, notFound } from "#app/utils/http.server";
import { formatPhone } from "#app/utils/phone";

import { ApplicationRecord } from "./application-record";
import { CertificatesSection, DecisionSection, InspectionsSection } from "./review-actions";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function messageField() {
  return text().trim().min(1, "review.message.missing").max(2000, "form.tooLong");
}

/** yyyy-mm-dd from a date input: a real calendar date in Hà Nội, not in the future. */
function visitedOnField() {
  return text()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "review.date.invalid")
    .transform((value, ctx) => {
      const date = parseIsoDay(value);
      if (!date || date.getTime() > Date.now()) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "review.date.invalid" });
        return z.NEVER;
      }
      return date;
    });
}

function decisionSchema() {
  return z.object({ message: messageField() });
}

function inspectionSchema() {
  return z.object({
    visitedOn: visitedOnField(),
    inspector: requiredField,
    findings: text().trim().min(1, "form.required").max(4000, "form.tooLong"),
  });
}

function revokeSchema() {
  return z.object({ certificateId: requiredField, reason: messageField() });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const now = new Date();
  const [application, lang, course] = await Promise.all([getApplicationForReview(admin, params.applicationId ?? "", now), getLang(request), getCertificationCourse()]);
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
    pledge: application.pledgedAt ? { name: application.pledgeName ?? "", position: application.pledgePosition ?? "", on: formatDate(application.pledgedAt) } : null,
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
    const form = parseForm(formData, decisionSchema());
    if (!form.ok) return rejectForm(form);
    const result = await decideWithMessage(admin, applicationId, intent, form.data.message);
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ message: "review.not_in_review", values: form.values });
    return redirect(`${back}?da-quyet-dinh=1`);
  }
  if (intent === "inspection") {
    const form = parseForm(formData, inspectionSchema());
    if (!form.ok) return rejectForm(form);
    invariantResponse(await recordInspection(admin, applicationId, form.data), 404);
    return redirect(`${back}?da-kiem-tra=1`);
  }
  if (intent === "revoke") {
    const form = parseForm(formData, revokeSchema());
    if (!form.ok) return rejectForm(form);
    const result = await revokeCertificate(admin, form.data.certificateId, form.data.reason);
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ message: "review.already_revoked", values: form.values });
    return redirect(`${back}?da-thu-hoi=1`);
  }
  return rejectForm({ message: "form.invalid" });
}

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
  return (
    <section>
      <p>
        <Link to="/quan-tri/chung-nhan">← {t("review.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      {notice && !actionData ? (
        <p className="notice" role="status" data-form-result="">
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

      <ApplicationRecord />
      {data.status === "submitted" ? <DecisionSection /> : null}
      <CertificatesSection />
      <InspectionsSection />

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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
