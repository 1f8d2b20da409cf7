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

/**
 * Whether a person of this group may have an account. Children learn without one and are counted
 * by headcount at sessions and by schools' declared counts, never profiled (issue 16).
 */
export function mayHaveAccount(code: string) {
  return getProgramme().targetGroups.some((group) => group.code === code && group.accounts);
}

/** The codes of the groups reached without accounts (children), whom no message is written to. */
export function groupsWithoutAccounts() {
  return getProgramme()
    .targetGroups.filter((group) => !group.accounts)
    .map((group) => group.code);
}

/** The groups whose people may have an account, as choices of a form's select. */
export function accountGroupOptions(lang: Lang) {
  return getProgramme()
    .targetGroups.filter((group) => group.accounts)
    .map((group) => ({ value: group.code, label: group[lang] }));
}

/** A course written only for groups without accounts (the children's course) opens to anyone, signed in or not. */
export function isOpenCourse(course: { audiences: readonly string[] }) {
  return course.audiences.length > 0 && course.audiences.every((code) => !mayHaveAccount(code));
}
