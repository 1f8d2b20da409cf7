import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findTrainingSession } from "#app/models/training-session.server";
import { listPrintedInvitations } from "#app/models/training-session-invitation.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { invariantResponse } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "invitations.sheetTitle") }];

/** The invitations to print for the people invited who have no phone: one slip per household, several to an A4 page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const trainingSession = await findTrainingSession(admin, params.trainingSessionId ?? "");
  invariantResponse(trainingSession, 404);
  const invitations = await listPrintedInvitations(trainingSession);
  return {
    trainingSessionId: trainingSession.id,
    date: formatDate(trainingSession.heldOn),
    time: trainingSession.startTime ?? "",
    place: trainingSession.place,
    slips: invitations.map((invitation) => ({ id: invitation.id, name: invitation.rosterEntry.name, ward: invitation.rosterEntry.unit.name })),
  };
}

export default function InvitationSheetPage() {
  const t = useT();
  const { trainingSessionId, date, time, place, slips } = useLoaderData<typeof loader>();
  return (
    <section className="invitation-sheet">
      <p className="report-actions">
        <Link to={`/quan-tri/buoi-hoc/${trainingSessionId}`}>← {t("trainingSessions.title")}</Link>
      </p>
      <h1 className="report-actions">{t("invitations.sheetTitle")}</h1>
      {slips.length === 0 ? <p>{t("invitations.sheetEmpty")}</p> : null}
      <ol className="invitation-slips">
        {slips.map((slip) => (
          <li key={slip.id} className="invitation-slip">
            <h2>{t("invitations.slipHeading")}</h2>
            <p>
              <strong>{t("invitations.slipTo", { name: slip.name })}</strong>
            </p>
            <p>{t("invitations.slipBody", { ward: slip.ward })}</p>
            <p>{t("invitations.when", { time, date })}</p>
            <p>{t("invitations.where", { place })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
