import { Form, useLocation, useSearchParams } from "@remix-run/react";

import type { Lang } from "#app/i18n/lang";
import { unitLabelOn } from "#app/i18n/unit-labels";
import { PhoneLink } from "#app/components/phone-link";
import { useT } from "#app/i18n/use-t";
import { formatDate } from "#app/utils/dates";
import { formatPhone } from "#app/utils/phone";

/** A roster entry as the list queries select it. */
export type ListedRow = {
  id: string;
  name: string;
  phone: string | null;
  birthYear: number | null;
  targetGroup: string;
  userId: string | null;
  leftAt: Date | null;
  unit: { name: string; validFrom: Date; validTo: Date | null };
};

/** A roster entry as the admin lists show it, with its group's label in the reader's language. */
export function toListedEntry(entry: ListedRow, groupLabels: Record<string, string>, lang: Lang, unitsOn = new Date()) {
  return {
    id: entry.id,
    name: entry.name,
    phone: entry.phone ? formatPhone(entry.phone) : "",
    birthYear: entry.birthYear,
    ward: unitLabelOn(lang, entry.unit, unitsOn),
    group: groupLabels[entry.targetGroup] ?? entry.targetGroup,
    hasAccount: entry.userId !== null,
    leftOn: entry.leftAt ? formatDate(entry.leftAt) : null,
  };
}

type Entry = { id: string; name: string; phone: string; birthYear: number | null; ward: string; group: string; hasAccount: boolean; leftOn: string | null };

/** A post to the "left" action: marking an entry as left, or taking that back. */
export function LeftForm({ entryId, intent, label, children }: { entryId: string; intent: "left" | "undo"; label?: string; children: React.ReactNode }) {
  const location = useLocation();
  return (
    <Form method="post" action="/quan-tri/danh-sach/roi-di">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className={intent === "undo" ? "button" : "button button--danger"} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

/**
 * Roster entries as the admin pages list them: who, how to reach them, where, whether they have
 * an account, and a button to record that they left (moved away, business closed). That one tap
 * takes a person out of the population, so it asks first and can be undone. A page adds its own
 * parts to each entry with `extra`.
 */
export function RosterEntryList<T extends Entry>({ entries, extra }: { entries: T[]; extra?: (entry: T) => React.ReactNode }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const justLeft = searchParams.get("roi-di");
  return (
    <>
      {justLeft ? (
        <div className="notice" role="status" data-form-result="">
          <p>{t("roster.leftDone")}</p>
          <LeftForm entryId={justLeft} intent="undo">
            {t("roster.undoLeft")}
          </LeftForm>
        </div>
      ) : searchParams.has("hoan-tac") ? (
        <p className="notice" role="status" data-form-result="">
          {t("roster.leftUndone")}
        </p>
      ) : null}
      <ul className="record-list">
        {entries.map((entry) => (
          <li key={entry.id} className="record">
            <span className="record__title">{entry.name}</span>
            {entry.birthYear ? <span>{t("roster.bornIn", { year: entry.birthYear })}</span> : null}
            <PhoneLink phone={entry.phone} />
            <span>{entry.ward}</span>
            <span>
              {entry.group} · {entry.hasAccount ? t("roster.matched") : t("roster.unmatched")}
            </span>
            {entry.leftOn ? (
              <>
                <span className="status">{t("roster.leftOn", { date: entry.leftOn })}</span>
                <LeftForm entryId={entry.id} intent="undo" label={t("roster.undoLeftFor", { name: entry.name })}>
                  {t("roster.undoLeft")}
                </LeftForm>
              </>
            ) : (
              <details className="confirm-disclosure">
                <summary aria-label={t("roster.markLeftFor", { name: entry.name })}>{t("roster.markLeft")}</summary>
                <p>{t("roster.leftConfirmIntro", { name: entry.name })}</p>
                <LeftForm entryId={entry.id} intent="left">
                  {t("roster.leftConfirm")}
                </LeftForm>
              </details>
            )}
            {extra?.(entry)}
          </li>
        ))}
      </ul>
    </>
  );
}
