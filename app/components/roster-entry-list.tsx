import { useT } from "#app/i18n/use-t";

type Entry = { id: string; name: string; phone: string; ward: string; group: string; hasAccount: boolean };

/** Roster entries as the admin pages list them: who, how to reach them, where, and whether they have an account. */
export function RosterEntryList({ entries }: { entries: Entry[] }) {
  const t = useT();
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
        </li>
      ))}
    </ul>
  );
}
