import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { certificateCard } from "#app/components/certificate-card.server";
import { CertificateCard } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { formerWardGroup } from "#app/i18n/unit-labels";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getPledgeState } from "#app/models/certification/application.server";
import { getMyOrganisation, removeMember, saveOrganisationProfile } from "#app/models/certification/organisation.server";
import { lastValidDay } from "#app/models/certification/rules.server";
import { ORGANISATION_KINDS, getCertificationCourse } from "#app/models/certification/terms.server";
import { cancelInvitation, inviteToOrganisation, listSentInvitations } from "#app/models/invitation.server";
import { getCourseProgress } from "#app/models/progress.server";
import { listFormerWards } from "#app/models/former-unit.server";
import { listWards } from "#app/models/unit.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { getClientAddress } from "#app/utils/load-context.server";
import { parseForm, phoneField, requiredField, text } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { formatPhone } from "#app/utils/phone";
import { isTaxCode } from "#app/utils/tax-code";

import { CertificationSteps } from "./certification-steps";
import { MembersSection } from "./members-section";
import { ProfileSection } from "./profile-section";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "org.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function countField() {
  return text()
    .trim()
    .regex(/^\d{1,6}$/, "org.count.invalid")
    .transform(Number)
    .pipe(z.number().max(100_000, "org.count.invalid"));
}

function profileSchema() {
  return z.object({
    kind: z.enum(ORGANISATION_KINDS, { errorMap: () => ({ message: "form.invalid" }) }),
    name: text().trim().min(2, "org.name.short").max(200, "form.tooLong"),
    taxCode: text()
      .transform((value) => value.replace(/\s/g, ""))
      .refine((value) => value === "" || isTaxCode(value), "org.taxCode.invalid")
      .transform((value) => value || null),
    unitId: requiredField,
    sector: requiredField,
    craftVillage: z
      .string()
      .optional()
      .transform((value) => value === "on"),
    workerCount: countField(),
    workersUnder13: countField(),
    workers13To15: countField(),
    workers15To18: countField(),
  });
}

function invitationSchema() {
  return z.object({ phone: phoneField });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await getCertificationCourse();
  const [lang, wards, formerWards, mine, state, progress] = await Promise.all([
    getLang(request),
    listWards(),
    listFormerWards(),
    getMyOrganisation(user.id),
    getPledgeState(user),
    getCourseProgress(user.id, course),
  ]);
  const organisation = mine?.organisation ?? null;
  const invitations = organisation ? await listSentInvitations(organisation.id) : [];
  return {
    wards: wards.map((ward) => ({ value: ward.id, label: ward.name })),
    formerWards: formerWardGroup(lang, formerWards),
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
    const form = parseForm(formData, profileSchema());
    if (!form.ok) return rejectForm(form);
    const result = await saveOrganisationProfile(user, form.data);
    if (!result.ok) {
      const problem = PROFILE_PROBLEM[result.error] ?? { key: "form.invalid" };
      return rejectForm(problem.field ? { errors: { [problem.field]: problem.key }, values: form.values } : { message: problem.key, values: form.values });
    }
    return redirect("/co-so?da-luu=1");
  }
  if (intent === "invite") {
    const form = parseForm(formData, invitationSchema());
    if (!form.ok) return rejectForm(form);
    // Shown back to the organisation in the one written form of a phone, not as raw input.
    const result = await inviteToOrganisation(user, { phone: form.data.phone, phoneAsTyped: formatPhone(form.data.phone) }, getClientAddress(context));
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

export default function MyOrganisationPage() {
  const t = useT();
  const { organisation, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const notice = searchParams.has("da-gui") ? t("cert.submittedNotice") : searchParams.has("da-luu") ? t("org.saved") : searchParams.has("da-moi") ? t("org.invite.sent") : null;
  return (
    <section>
      <h1>{t("org.title")}</h1>
      {notice && !actionData ? (
        <p className="notice" role="status" data-form-result="">
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

      {organisation ? <CertificationSteps /> : null}

      <ProfileSection />
      {organisation ? <MembersSection /> : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
