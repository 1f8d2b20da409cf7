import { Form, useLocation } from "@remix-run/react";

import type { Lang } from "#app/i18n/lang";
import { unitLabelOn } from "#app/i18n/unit-labels";
import { useT } from "#app/i18n/use-t";
import { formatDate } from "#app/utils/dates";
import { formatPhone } from "#app/utils/phone";

/** A roster entry as the list queries select it. */
export type ListedRow = {
  id: string;
  name: string;
  phone: string | null;
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
    ward: unitLabelOn(lang, entry.unit, unitsOn),
    group: groupLabels[entry.targetGroup] ?? entry.targetGroup,
    hasAccount: entry.userId !== null,
    leftOn: entry.leftAt ? formatDate(entry.leftAt) : null,
  };
}

type Entry = { id: string; name: string; phone: string; ward: string; group: string; hasAccount: boolean; leftOn: string | null };

/**
 * Roster entries as the admin pages list them: who, how to reach them, where, whether they have
 * an account, and a button to record that they left (moved away, business closed).
 */
export function RosterEntryList({ entries }: { entries: Entry[] }) {
  const t = useT();
  const location = useLocation();
  return (
    <ul className="record-list">
      {entries.map((entry) => (
        <li key={entry.id} className="record">
          <span className="record__title">{entry.name}</span>
          <span>{entry.phone}</span>
          <span>{entry.ward}</span>
          <span>
            {entry.group} · {entry.hasAccount ? t("roster.matched") : t("roster.unmatched")}
          </span>
          {entry.leftOn ? (
            <span className="status">{t("roster.leftOn", { date: entry.leftOn })}</span>
          ) : (
            <Form method="post" action="/quan-tri/danh-sach/roi-di">
              <input type="hidden" name="entryId" value={entry.id} />
              <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
              <button type="submit" className="button button--quiet" aria-label={t("roster.markLeftFor", { name: entry.name })}>
                {t("roster.markLeft")}
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}
