import type { Lang } from "#app/i18n/lang";
import { formerWardGroup } from "#app/i18n/unit-labels";
import { formerWardsInScope } from "#app/models/former-unit.server";
import { wardOptions } from "#app/models/scope.server";

/** An administrator's ward picker: the wards in force in their scope, then their former wards leading to them. */
export async function adminWardPicker(admin: { unitPath: string }, lang: Lang) {
  const [wards, formers] = await Promise.all([wardOptions(admin), formerWardsInScope(admin.unitPath)]);
  return { wards, formerWards: formerWardGroup(lang, formers) };
}
