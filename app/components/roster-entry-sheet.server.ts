import { targetGroupLabels } from "#app/content/target-groups.server";
import type { Lang } from "#app/i18n/lang";
import { translate, type MessageKey } from "#app/i18n/messages";

import { toListedEntry, type ListedRow } from "./roster-entry-list";

/** Roster entries as the columns of an export, in the reader's language. */
export function rosterEntrySheet(entries: ListedRow[], lang: Lang, unitsOn = new Date()) {
  const t = (key: MessageKey) => translate(lang, key);
  const groups = targetGroupLabels(lang);
  return {
    header: [t("roster.name"), t("form.phone"), t("form.ward"), t("roster.group"), t("roster.account"), t("roster.leftAtHeader")],
    rows: entries.map((entry) => {
      const listed = toListedEntry(entry, groups, lang, unitsOn);
      return [listed.name, listed.phone, listed.ward, listed.group, t(listed.hasAccount ? "roster.matched" : "roster.unmatched"), listed.leftOn ?? ""];
    }),
  };
}
