import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";

import { trainingSessionKindKey } from "#app/components/training-session-kind";
import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { answerInvitation, listInvitationsFor } from "#app/models/invitation.server";
import { listRosterListings } from "#app/models/personal-data.server";
import { answerAttendance, listAttendanceToConfirm } from "#app/models/training-session.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { readForm, rejectForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "account.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [lang, catalogue, invitations, trainingSessions, listings] = await Promise.all([
    getLang(request),
    getCatalogue(),
    listInvitationsFor(user.id),
    listAttendanceToConfirm(user.id),
    listRosterListings(user.id),
  ]);
  const groups = targetGroupLabels(lang);
  const courseTitle = new Map(catalogue.courses.map((course) => [course.slug, lang === "en" ? course.titleEn : course.title]));
  return {
    isAdmin: user.role !== "learner",
    programme: getProgramme().name[lang],
    listings: listings.map((listing) => ({ id: listing.id, ward: listing.unit.name, group: groups[listing.targetGroup] ?? listing.targetGroup })),
    invitations: invitations.map((invitation) => ({ id: invitation.id, organisation: invitation.organisation.name, ward: invitation.organisation.unit.name })),
    trainingSessions: trainingSessions.map((trainingSession) => ({
      id: trainingSession.id,
      kind: trainingSession.kind,
      courses: trainingSession.courseSlugs.map((slug) => courseTitle.get(slug) ?? slug).join("; "),
      date: formatDate(trainingSession.heldOn),
      place: trainingSession.place,
      ward: trainingSession.ward,
    })),
  };
}

const INVITATION_PROBLEM: Record<string, MessageKey> = {
  not_found: "account.invitation.gone",
  admin: "account.invitation.admin",
  other_organisation: "account.invitation.other_organisation",
};

// Each answer says what happened in the address, so that a reload does not post it again.
const DONE: Record<string, MessageKey> = {
  "da-nhan": "account.accepted",
  "da-tu-choi": "account.declined",
  "da-xac-nhan": "account.confirmed",
  "khong-tham-du": "account.notAttended",
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const id = formData.get("id");
  if (typeof id !== "string") return rejectForm({ message: "form.invalid" });
  if (intent === "accept-invitation" || intent === "decline-invitation") {
    const answer = intent === "accept-invitation" ? "accept" : "decline";
    const result = await answerInvitation(user.id, id, answer);
    if (!result.ok) return rejectForm({ message: INVITATION_PROBLEM[result.error] ?? "form.invalid" });
    return redirect(answer === "accept" ? "/tai-khoan?da-nhan" : "/tai-khoan?da-tu-choi");
  }
  if (intent === "confirm-attendance" || intent === "decline-attendance") {
    const answer = intent === "confirm-attendance" ? "confirm" : "decline";
    if (!(await answerAttendance(user.id, id, answer))) return rejectForm({ message: "account.trainingSession.gone" });
    return redirect(answer === "confirm" ? "/tai-khoan?da-xac-nhan" : "/tai-khoan?khong-tham-du");
  }
  return rejectForm({ message: "form.invalid" });
}

export default function AccountPage() {
  const t = useT();
  const { isAdmin, programme, listings, invitations, trainingSessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = Object.entries(DONE).find(([param]) => searchParams.has(param))?.[1];
  return (
    <section>
      <h1>{t("account.title")}</h1>
      {done && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t(done)}
        </p>
      ) : null}
      <ErrorSummary message={actionData?.message} />

      <h2>{t("account.waiting")}</h2>
      {invitations.length === 0 && trainingSessions.length === 0 ? <p>{t("account.nothing")}</p> : null}

      {trainingSessions.length > 0 ? (
        <>
          <h3>{t("account.trainingSessions")}</h3>
          <p>{t("account.trainingSessionsIntro")}</p>
          <ul className="record-list">
            {trainingSessions.map((trainingSession) => (
              <li key={trainingSession.id} className="record">
                <span className="record__title">
                  {t("account.attended", {
                    kind: t(trainingSessionKindKey(trainingSession.kind, "sentence")),
                    courses: trainingSession.courses,
                    date: trainingSession.date,
                    place: trainingSession.place,
                    ward: trainingSession.ward,
                  })}
                </span>
                <AnswerButton
                  intent="confirm-attendance"
                  id={trainingSession.id}
                  label={t("account.confirm")}
                  name={t("account.confirmFor", { date: trainingSession.date, place: trainingSession.place })}
                  primary
                />
                <AnswerButton
                  intent="decline-attendance"
                  id={trainingSession.id}
                  label={t("account.notMe")}
                  name={t("account.notMeFor", { date: trainingSession.date, place: trainingSession.place })}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {invitations.length > 0 ? (
        <>
          <h3>{t("account.invitations")}</h3>
          {isAdmin ? <p className="muted">{t("account.invitation.admin")}</p> : null}
          <ul className="record-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="record">
                <span className="record__title">{t("account.invitation", { organisation: invitation.organisation, ward: invitation.ward })}</span>
                {isAdmin ? null : (
                  <AnswerButton
                    intent="accept-invitation"
                    id={invitation.id}
                    label={t("account.accept")}
                    name={t("account.acceptFor", { organisation: invitation.organisation })}
                    primary
                  />
                )}
                <AnswerButton
                  intent="decline-invitation"
                  id={invitation.id}
                  label={t("account.decline")}
                  name={t("account.declineFor", { organisation: invitation.organisation })}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("account.listings")}</h2>
      {listings.length === 0 ? (
        <p>{t("account.noListings")}</p>
      ) : (
        <>
          <p>{t("account.listingsIntro")}</p>
          <ul>
            {listings.map((listing) => (
              <li key={listing.id}>{t("account.listing", { ward: listing.ward, group: listing.group, programme })}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t("myCerts.title")}</h2>
      <p>
        <Link to="/tai-khoan/chung-nhan">{t("account.myCertificatesLink")}</Link>
      </p>

      <h2>{t("myData.title")}</h2>
      <p>
        <Link to="/tai-khoan/du-lieu">{t("account.myDataLink")}</Link>
      </p>

      <h2>{t("account.security")}</h2>
      <p>
        <Link to="/tai-khoan/mat-khau">{t("password.title")}</Link>
      </p>
    </section>
  );
}

function AnswerButton({ intent, id, label, name, primary = false }: { intent: string; id: string; label: string; name: string; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={primary ? "button button--primary" : "button"} aria-label={name}>
        {label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
