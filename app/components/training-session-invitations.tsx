import { Link, useSearchParams } from "@remix-run/react";

import { PhoneLink } from "#app/components/phone-link";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

type Invitation = { id: string; name: string; phone: string; status: string; channel: string; attended: boolean };

const STATUS_KEYS: Record<string, MessageKey> = {
  invited: "invitations.status.invited",
  confirmed: "invitations.status.confirmed",
  declined: "invitations.status.declined",
};

/**
 * The invitations of a training session: how many were invited, will come, cannot come and
 * came, who they are, the printed sheet for those without a phone, and where to invite more.
 */
export function TrainingSessionInvitations({ trainingSessionId, invitations, indicators }: { trainingSessionId: string; invitations: Invitation[]; indicators: string[] }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const count = (status: string) => invitations.filter((invitation) => invitation.status === status).length;
  const invited = Number(searchParams.get("da-moi") ?? NaN);
  const skipped = Number(searchParams.get("bo-qua") ?? 0);
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t("invitations.title")}</h2>
      {Number.isInteger(invited) ? (
        <div className="notice" role="status" data-form-result="">
          <p>{t("invitations.done", { count: invited })}</p>
          {skipped > 0 ? <p>{t("invitations.skipped", { count: skipped })}</p> : null}
        </div>
      ) : null}
      <p data-testid="invitation-counts">
        {t("invitations.counts", {
          invited: invitations.length,
          confirmed: count("confirmed"),
          declined: count("declined"),
          attended: invitations.filter((invitation) => invitation.attended).length,
        })}
      </p>
      <p className="exports">
        {invitations.some((invitation) => invitation.channel === "printed") ? (
          <Link to={`/quan-tri/buoi-hoc/${trainingSessionId}/giay-moi`}>{t("invitations.printSheet")}</Link>
        ) : null}
        {indicators.map((code) => (
          <Link key={code} to={`/quan-tri/bao-cao/chi-tieu/${code}?buoi-hoc=${trainingSessionId}`}>
            {t("invitations.inviteMore")} ({code})
          </Link>
        ))}
      </p>
      {invitations.length > 0 ? (
        <ul className="record-list" aria-label={t("invitations.title")}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="record">
              <span className="record__title">{invitation.name}</span>
              <PhoneLink phone={invitation.phone} />
              <span>{t(invitation.channel === "printed" ? "invitations.channel.printed" : "invitations.channel.sms")}</span>
              <span className={invitation.status === "confirmed" ? "status status--done" : "status"}>
                {t(STATUS_KEYS[invitation.status] ?? "invitations.status.invited")}
                {invitation.attended ? ` · ${t("invitations.attended")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
