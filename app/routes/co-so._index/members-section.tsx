import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { useT } from "#app/i18n/use-t";

import type { action, loader } from "./route";

/** Who acts for the organisation, the invitations still open, and the form to invite one more. */
export function MembersSection() {
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
      {removing ? <ErrorSummary message={actionData?.message} /> : null}
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
        {inviting ? <ErrorSummary message={actionData?.message} errors={actionData?.errors} labels={{ phone: t("org.invite") }} /> : null}
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
