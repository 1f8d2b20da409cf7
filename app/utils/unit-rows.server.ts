import type { Lang } from "#app/i18n/lang";
import { unitLabelOn } from "#app/i18n/unit-labels";
import { unitValidity } from "#app/models/former-unit.server";

/**
 * The name each report row shows, by unit id: a unit not in force on the report's date (a row kept
 * because it holds records, so the totals add up) says when it was, and is never taken for a unit
 * of the same name that was.
 */
export async function reportRowNames(lang: Lang, wards: { id: string; name: string }[], unitsOn: Date) {
  const validity = await unitValidity(wards.map((ward) => ward.id));
  return new Map(
    wards.map((ward) => {
      const dates = validity.get(ward.id);
      return [ward.id, dates ? unitLabelOn(lang, { name: ward.name, ...dates }, unitsOn) : ward.name];
    }),
  );
}
