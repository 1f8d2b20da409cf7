import { Form, useLocation } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

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
