import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { certificateCard } from "#app/components/certificate-card.server";
import { applicationStatusKey, CertificateCard, certificationEventKey, organisationKindKey } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FormMessage, SelectField, TextField } from "#app/components/form-field";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getPledgeState } from "#app/models/certification/application.server";
import { getMyOrganisation, removeMember, saveOrganisationProfile } from "#app/models/certification/organisation.server";
import { lastValidDay } from "#app/models/certification/rules.server";
import { ORGANISATION_KINDS, getCertificationCourse } from "#app/models/certification/terms.server";
import { cancelInvitation, inviteToOrganisation, listSentInvitations } from "#app/models/invitation.server";
import { getCourseProgress } from "#app/models/progress.server";
import { listWards } from "#app/models/unit.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { getClientAddress } from "#app/utils/load-context.server";
import { parseForm, phoneField, requiredField, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "org.title") }];

const TAX_CODE = /^\d{10}(-\d{3})?$/;

const countField = text()
  .trim()
  .regex(/^\d{1,6}$/, "org.count.invalid")
  .transform(Number)
  .pipe(z.number().max(100_000, "org.count.invalid"));

const profileSchema = z.object({
  kind: z.enum(ORGANISATION_KINDS, { errorMap: () => ({ message: "form.invalid" }) }),
  name: text().trim().min(2, "org.name.short").max(200, "form.tooLong"),
  taxCode: text()
    .transform((value) => value.replace(/\s/g, ""))
    .refine((value) => value === "" || TAX_CODE.test(value), "org.taxCode.invalid")
    .transform((value) => value || null),
  unitId: requiredField,
  sector: requiredField,
  craftVillage: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  workerCount: countField,
  workersUnder13: countField,
  workers13To15: countField,
  workers15To18: countField,
});

const invitationSchema = z.object({ phone: phoneField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await getCertificationCourse();
  const [lang, wards, mine, state, progress] = await Promise.all([
    getLang(request),
    listWards(),
    getMyOrganisation(user.id),
    getPledgeState(user),
    getCourseProgress(user.id, course),
  ]);
  const organisation = mine?.organisation ?? null;
  const invitations = organisation ? await listSentInvitations(organisation.id) : [];
  return {
    wards: wards.map((ward) => ({ value: ward.id, label: ward.name })),
    kinds: [...ORGANISATION_KINDS],
    course: { slug: course.slug, title: lang === "en" ? course.titleEn : course.title, completedOn: progress.completedAt ? formatDate(progress.completedAt) : null },
    organisation: organisation && {
      kind: organisation.kind,
      name: organisation.name,
      taxCode: organisation.taxCode,
      unitId: organisation.unitId,
      ward: organisation.unit.name,
      sector: organisation.sector,
      craftVillage: organisation.craftVillage,
      workerCount: organisation.workerCount,
      workersUnder13: organisation.workersUnder13,
      workers13To15: organisation.workers13To15,
      workers15To18: organisation.workers15To18,
      members: organisation.members.map((member) => ({ id: member.id, fullName: member.fullName, phone: formatPhone(member.phone), isMe: member.id === user.id })),
      invitations: invitations.map((invitation) => ({ id: invitation.id, phone: invitation.phoneAsTyped })),
    },
    state: state.ok
      ? { next: "pledge" as const }
      : state.reason === "certified"
        ? { next: "wait" as const, reason: state.reason, until: formatDate(lastValidDay(state.expiresAt)), opens: formatDate(state.renewalOpensAt) }
        : { next: state.reason === "assessment_needed" ? ("assessment" as const) : ("wait" as const), reason: state.reason },
    application: mine?.applications[0]
      ? {
          kind: mine.applications[0].kind,
          status: mine.applications[0].status,
          events: mine.applications[0].events.map((event) => ({ kind: event.kind, message: event.message, on: formatDate(event.createdAt) })),
        }
      : null,
    certificates: (mine?.certificates ?? []).map(certificateCard),
  };
}

const PROFILE_PROBLEM: Record<string, { field?: string; key: MessageKey }> = {
  admin: { key: "org.admin" },
  unknown_ward: { field: "unitId", key: "form.unknown_ward" },
  taxCode_taken: { field: "taxCode", key: "org.taxCode_taken" },
  taxCode_certified: { field: "taxCode", key: "org.taxCode_certified" },
  too_many_young: { field: "workerCount", key: "org.too_many_young" },
  in_review: { key: "org.in_review" },
};

const MEMBER_PROBLEM: Record<string, MessageKey> = {
  no_organisation: "org.no_organisation",
  last_member: "org.last_member",
  limited: "org.invite.limited",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "profile") {
    const form = parseForm(formData, profileSchema);
    if (!form.ok) return rejectForm(form);
    const result = await saveOrganisationProfile(user, form.data);
    if (!result.ok) {
      const problem = PROFILE_PROBLEM[result.error] ?? { key: "form.invalid" };
      return rejectForm(problem.field ? { errors: { [problem.field]: problem.key }, values: form.values } : { message: problem.key, values: form.values });
    }
    return redirect("/co-so?da-luu=1");
  }
  if (intent === "invite") {
    const form = parseForm(formData, invitationSchema);
    if (!form.ok) return rejectForm(form);
    const phoneAsTyped = (form.values.phone ?? "").trim();
    const result = await inviteToOrganisation(user, { phone: form.data.phone, phoneAsTyped }, getClientAddress(context));
    if (!result.ok) return rejectForm({ errors: { phone: MEMBER_PROBLEM[result.error] ?? "form.invalid" }, values: form.values });
    return redirect("/co-so?da-moi=1");
  }
  if (intent === "cancel-invitation") {
    const invitationId = formData.get("invitationId");
    if (typeof invitationId !== "string" || !(await cancelInvitation(user, invitationId))) {
      return rejectForm({ message: "org.invite.gone", values: { intent: "cancel-invitation" } });
    }
    return redirect("/co-so");
  }
  if (intent === "remove-member") {
    const memberId = formData.get("memberId");
    if (typeof memberId !== "string") return rejectForm({ message: "form.invalid" });
    const result = await removeMember(user, memberId);
    if (!result.ok) return rejectForm({ message: MEMBER_PROBLEM[result.error] ?? "form.invalid", values: { intent: "remove-member" } });
    return redirect(memberId === user.id ? "/" : "/co-so");
  }
  return rejectForm({ message: "form.invalid" });
}

// Not the course: its step says so, with the way to it.
const GATE_MESSAGE: Record<string, MessageKey> = {
  in_review: "cert.gate.in_review",
  refresher_needed: "cert.gate.refresher_needed",
};

export default function MyOrganisationPage() {
  const t = useT();
  const { organisation, course, state, application, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const notice = searchParams.has("da-gui")
    ? t("cert.submittedNotice")
    : searchParams.has("da-luu")
      ? t("org.saved")
      : searchParams.has("da-moi")
        ? t("org.invite.sent")
        : null;
  return (
    <section>
      <h1>{t("org.title")}</h1>
      {notice && !actionData ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t("org.intro")}</p>

      {certificates.length > 0 ? (
        <>
          <h2>{t("cert.certificates")}</h2>
          <ul className="record-list">
            {certificates.map((certificate) => (
              <CertificateCard key={certificate.code} certificate={certificate} />
            ))}
          </ul>
        </>
      ) : null}

      {organisation ? (
        <>
          <h2>{t("cert.steps")}</h2>
          <ol className="steps cert-steps">
            <li>
              <strong>{t("cert.step.course", { course: course.title })}</strong>
              <p className={course.completedOn ? "status status--done" : ""}>
                {course.completedOn ? t("cert.courseDone", { date: course.completedOn }) : t("cert.courseTodo")}
              </p>
              {course.completedOn ? null : (
                <Link to={`/khoa-hoc/${course.slug}`} className="button">
                  {t("cert.openCourse")}
                </Link>
              )}
            </li>
            <li>
              <strong>{t("cert.step.assessment")}</strong>
              {state.next === "assessment" || state.next === "pledge" ? (
                <p>
                  <Link to="/co-so/danh-gia" className={state.next === "assessment" ? "button button--primary" : "button"}>
                    {t("cert.startAssessment")}
                  </Link>
                </p>
              ) : null}
            </li>
            <li>
              <strong>{t("cert.step.pledge")}</strong>
              {state.next === "pledge" ? (
                <p>
                  <Link to="/co-so/cam-ket" className="button button--primary">
                    {t("cert.goPledge")}
                  </Link>
                </p>
              ) : null}
            </li>
            <li>
              <strong>{t("cert.step.review")}</strong>
            </li>
          </ol>
          {state.next === "wait" && "until" in state ? (
            <p className="notice">{t("cert.gate.certified", { date: state.until, opens: state.opens })}</p>
          ) : null}
          {state.next === "wait" && state.reason && GATE_MESSAGE[state.reason] ? (
            <p className="notice">
              {t(GATE_MESSAGE[state.reason]!)}{" "}
              {state.reason === "refresher_needed" ? <Link to="/co-so/on-tap">{t("cert.goRefresher")}</Link> : null}
            </p>
          ) : null}

          {application ? (
            <>
              <h2>{t("cert.application")}</h2>
              <p>
                {t(application.kind === "renewal" ? "cert.kind.renewal" : "cert.kind.initial")}:{" "}
                <strong className={`application-status application-status--${application.status}`}>{t(applicationStatusKey(application.status))}</strong>
              </p>
              {application.events.length > 0 ? (
                <>
                  <h3>{t("cert.history")}</h3>
                  <ol className="history">
                    {application.events.map((event, index) => (
                      <li key={index}>
                        {event.on}: {t(certificationEventKey(event.kind))}
                        {event.message ? <blockquote className="history__message">{event.message}</blockquote> : null}
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}

      <ProfileSection />
      {organisation ? <MembersSection /> : null}
    </section>
  );
}

function ProfileSection() {
  const t = useT();
  const { organisation, wards, kinds, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const mine = actionData?.values.intent === "profile" || actionData?.values.intent === undefined;
  const errors = mine ? (actionData?.errors ?? {}) : {};
  const values = mine ? (actionData?.values ?? {}) : {};
  const current = (field: keyof NonNullable<typeof organisation>) => values[field] ?? (organisation ? String(organisation[field] ?? "") : undefined);
  const inReview = state.next === "wait" && state.reason === "in_review";
  const form = (
    <Form method="post" className="stack narrow" noValidate>
      <input type="hidden" name="intent" value="profile" />
      <FormMessage message={mine ? actionData?.message : null} />
      <SelectField
        name="kind"
        label={t("org.kind")}
        options={kinds.map((kind) => ({ value: kind, label: t(organisationKindKey(kind)) }))}
        defaultValue={current("kind")}
        error={errors.kind}
      />
      <TextField name="name" label={t("org.name")} hint={t("org.nameHint")} defaultValue={current("name")} error={errors.name} />
      <TextField name="taxCode" label={t("org.taxCode")} hint={t("org.taxCodeHint")} inputMode="numeric" defaultValue={current("taxCode")} error={errors.taxCode} />
      <SelectField name="unitId" label={t("form.ward")} options={wards} placeholder={t("form.choose")} defaultValue={current("unitId")} error={errors.unitId} />
      <TextField name="sector" label={t("org.sector")} hint={t("org.sectorHint")} defaultValue={current("sector")} error={errors.sector} />
      <label className="choice">
        <input
          type="checkbox"
          name="craftVillage"
          defaultChecked={actionData && mine ? values.craftVillage === "on" : Boolean(organisation?.craftVillage)}
        />
        <span>{t("org.craftVillage")}</span>
      </label>
      <TextField name="workerCount" type="number" inputMode="numeric" min={0} label={t("org.workerCount")} defaultValue={current("workerCount")} error={errors.workerCount} />
      <fieldset className="question">
        <legend>{t("org.countsHint")}</legend>
        <TextField name="workersUnder13" type="number" inputMode="numeric" min={0} label={t("org.workersUnder13")} defaultValue={current("workersUnder13") ?? "0"} error={errors.workersUnder13} />
        <TextField name="workers13To15" type="number" inputMode="numeric" min={0} label={t("org.workers13To15")} defaultValue={current("workers13To15") ?? "0"} error={errors.workers13To15} />
        <TextField name="workers15To18" type="number" inputMode="numeric" min={0} label={t("org.workers15To18")} defaultValue={current("workers15To18") ?? "0"} error={errors.workers15To18} />
      </fieldset>
      <button type="submit" className="button button--primary" disabled={submitting}>
        {t("org.save")}
      </button>
    </Form>
  );
  if (!organisation) {
    return (
      <>
        <h2>{t("org.create")}</h2>
        {form}
      </>
    );
  }
  return (
    <>
      <h2>{t("org.profile")}</h2>
      <dl className="facts">
        <dt>{t("org.name")}</dt>
        <dd>{organisation.name}</dd>
        <dt>{t("org.kind")}</dt>
        <dd>{t(organisationKindKey(organisation.kind))}</dd>
        <dt>{t("org.taxCode")}</dt>
        <dd>{organisation.taxCode ?? "—"}</dd>
        <dt>{t("form.ward")}</dt>
        <dd>{organisation.ward}</dd>
        <dt>{t("org.sector")}</dt>
        <dd>{organisation.sector}</dd>
        <dt>{t("org.craftVillage")}</dt>
        <dd>{organisation.craftVillage ? t("org.yes") : t("org.no")}</dd>
        <dt>{t("org.workerCount")}</dt>
        <dd>{organisation.workerCount}</dd>
        <dt>{t("org.workersUnder13")}</dt>
        <dd>{organisation.workersUnder13}</dd>
        <dt>{t("org.workers13To15")}</dt>
        <dd>{organisation.workers13To15}</dd>
        <dt>{t("org.workers15To18")}</dt>
        <dd>{organisation.workers15To18}</dd>
      </dl>
      {inReview ? (
        <p className="muted">{t("org.in_review")}</p>
      ) : (
        <details className="edit-profile" open={Boolean(actionData && mine)}>
          <summary>{t("org.edit")}</summary>
          {form}
        </details>
      )}
    </>
  );
}

function MembersSection() {
  const t = useT();
  const { organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!organisation) return null;
  const inviting = actionData?.values.intent === "invite";
  const removing = actionData?.values.intent === "remove-member" || actionData?.values.intent === "cancel-invitation";
  return (
    <>
      <h2>{t("org.members")}</h2>
      <p>{t("org.membersIntro")}</p>
      {removing ? <FormMessage message={actionData?.message} /> : null}
      <ul className="record-list">
        {organisation.members.map((member) => (
          <li key={member.id} className="record">
            <span className="record__title">{member.fullName}</span>
            <span>{member.phone}</span>
            {organisation.members.length > 1 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="remove-member" />
                <input type="hidden" name="memberId" value={member.id} />
                <button type="submit" className="button button--quiet" aria-label={t("org.removeMemberFor", { name: member.fullName })}>
                  {t("org.removeMember")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {organisation.invitations.length > 0 ? (
        <>
          <h3>{t("org.invitations")}</h3>
          <ul className="record-list">
            {organisation.invitations.map((invitation) => (
              <li key={invitation.id} className="record">
                <span className="record__title">{t("org.invited", { phone: invitation.phone })}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel-invitation" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button button--quiet" aria-label={t("org.invite.cancelFor", { phone: invitation.phone })}>
                    {t("org.invite.cancel")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <TextField
          name="phone"
          type="tel"
          label={t("org.invite")}
          hint={t("org.inviteHint")}
          defaultValue={inviting ? actionData?.values.phone : undefined}
          error={inviting ? actionData?.errors.phone : undefined}
        />
        <button type="submit" className="button">
          {t("org.inviteSubmit")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
