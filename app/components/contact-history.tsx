import { Form, useLocation, useSearchParams } from "@remix-run/react";

import { LeftForm } from "#app/components/roster-entry-list";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

export const CONTACT_KIND_KEYS = {
  invited: "contact.kind.invited",
  phoned: "contact.kind.phoned",
  visited: "contact.kind.visited",
  declined: "contact.kind.declined",
  moved_away: "contact.kind.moved_away",
} as const satisfies Record<string, MessageKey>;

type Kind = keyof typeof CONTACT_KIND_KEYS;

export function contactKindKey(kind: string): MessageKey {
  return CONTACT_KIND_KEYS[kind as Kind] ?? "contact.none";
}

/** A contact as the not-reached list shows it: day, kind, who, and the session for an invitation. */
export type ShownContact = { id: string; kind: string; on: string; by: string; note: string | null; trainingSession: string | null };

/**
 * The follow-up of one person on the not-reached list: their latest contact, the history behind
 * it, and a form to record the next one.
 */
export function ContactFollowUp({ entry }: { entry: { id: string; name: string; lastContact: { kind: string; on: string } | null; contacts: ShownContact[] } }) {
  const t = useT();
  const location = useLocation();
  const { lastContact, contacts } = entry;
  return (
    <div className="contact-follow-up">
      <span className="status">{lastContact ? t("contact.last", { kind: t(contactKindKey(lastContact.kind)), date: lastContact.on }) : t("contact.none")}</span>
      {contacts.length > 0 ? (
        <details>
          <summary>{t("contact.history", { count: contacts.length })}</summary>
          <ol className="contact-history">
            {contacts.map((contact) => (
              <li key={contact.id}>
                {t("contact.by", { date: contact.on, kind: t(contactKindKey(contact.kind)), name: contact.by })}
                {contact.trainingSession ? <> · {contact.trainingSession}</> : null}
                {contact.note ? <> · {contact.note}</> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <details>
        <summary aria-label={t("contact.recordFor", { name: entry.name })}>{t("contact.record")}</summary>
        <Form method="post" className="stack narrow" preventScrollReset>
          <input type="hidden" name="intent" value="contact" />
          <input type="hidden" name="entryId" value={entry.id} />
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <div className="field">
            <label htmlFor={`contact-kind-${entry.id}`}>{t("contact.kind")}</label>
            <select id={`contact-kind-${entry.id}`} name="kind" defaultValue="phoned">
              {Object.entries(CONTACT_KIND_KEYS).map(([kind, key]) => (
                <option key={kind} value={kind}>
                  {t(key)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`contact-note-${entry.id}`}>{t("contact.note")}</label>
            <input id={`contact-note-${entry.id}`} name="note" maxLength={500} />
          </div>
          <button type="submit" className="button">
            {t("contact.save")}
          </button>
        </Form>
      </details>
    </div>
  );
}

/**
 * After a contact is saved: the notice, and for "moved away" the roster's own "left" action with
 * its confirmation, since only the admin can tell a move from a stay with relatives.
 */
export function ContactSavedNotice({ movedAway }: { movedAway: { id: string; name: string } | null }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  if (!searchParams.has("da-ghi")) return null;
  return (
    <div className="notice" role="status" data-form-result="">
      <p>{t("contact.saved")}</p>
      {movedAway ? (
        <>
          <p>{t("contact.movedAwayOffer", { name: movedAway.name })}</p>
          <LeftForm entryId={movedAway.id} intent="left">
            {t("roster.leftConfirm")}
          </LeftForm>
        </>
      ) : null}
    </div>
  );
}
