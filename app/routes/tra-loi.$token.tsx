import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { answerInvitation, findInvitationByToken, INVITATION_ANSWERS } from "#app/models/training-session-invitation.server";
import { formatDate } from "#app/utils/dates";
import { readForm } from "#app/utils/forms.server";
import { badRequest, notFound } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "reply.title") }, { name: "robots", content: "noindex" }];

// The address holds the invitation's secret: no copy of the page is kept, and the site's
// Referrer-Policy (same-origin) sends it to no other site. Not "no-referrer": a browser then posts
// the form without JavaScript with `Origin: null`, which the origin check refuses.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function answerSchema() {
  return z.enum(INVITATION_ANSWERS);
}

/**
 * The reply link of an invitation to a training session, opened from a message without signing
 * in: the session's day, hour and place, and two buttons. Whoever holds the link may answer;
 * nothing about the person invited is shown. An unknown link is a plain 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitationByToken(params.token ?? "");
  if (!invitation) throw notFound({ headers: { "Cache-Control": "no-store" } });
  const { trainingSession } = invitation;
  return json({
    status: invitation.status,
    ward: trainingSession.unit.name,
    date: formatDate(trainingSession.heldOn),
    time: trainingSession.startTime ?? "",
    place: trainingSession.place,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const answer = answerSchema().safeParse((await readForm(request)).get("answer"));
  if (!answer.success) throw badRequest();
  if (!(await answerInvitation(params.token ?? "", answer.data))) throw notFound();
  return redirect(`/tra-loi/${params.token}?da-tra-loi=1`);
}

export default function InvitationReplyPage() {
  const t = useT();
  const { status, ward, date, time, place } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const answered = status === "confirmed" || status === "declined";
  return (
    <section className="stack narrow">
      <h1>{t("reply.title")}</h1>
      {searchParams.has("da-tra-loi") && answered ? (
        <p className="notice" role="status" data-form-result="">
          {t(status === "confirmed" ? "reply.savedComing" : "reply.savedNotComing")}
        </p>
      ) : null}
      <p>{t("reply.intro", { ward })}</p>
      <ul>
        <li>{t("invitations.when", { time, date })}</li>
        <li>{t("invitations.where", { place })}</li>
      </ul>
      {answered ? <p>{t("reply.current", { answer: t(status === "confirmed" ? "reply.coming" : "reply.notComing") })}</p> : null}
      <h2>{t("reply.question")}</h2>
      <Form method="post" className="reply-buttons">
        <button type="submit" name="answer" value="confirmed" className="button button--primary">
          {t("reply.coming")}
        </button>
        <button type="submit" name="answer" value="declined" className="button">
          {t("reply.notComing")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
