import type { Lang } from "#app/i18n/lang";

import { getProgramme } from "./programme.server";

/** Target-group labels in the reader's language, keyed by code, for lists and pickers. */
export function targetGroupLabels(lang: Lang): Record<string, string> {
  return Object.fromEntries(getProgramme().targetGroups.map((group) => [group.code, group[lang]]));
}

/** The target groups as choices of a form's select, in the reader's language. */
export function targetGroupOptions(lang: Lang) {
  return getProgramme().targetGroups.map((group) => ({ value: group.code, label: group[lang] }));
}
