import { DAY, isoDay } from "#app/utils/dates";

import type { Lang } from "./lang";
import { translate, type MessageKey } from "./messages";

/** "30/6/2025": a day as the resolutions write it, in Hà Nội. */
export function shortDay(date: Date) {
  const [year, month, day] = isoDay(date).split("-").map(Number);
  return `${day}/${month}/${year}`;
}

type Dated = { name: string; validFrom: Date | string; validTo: Date | string | null };

/**
 * A unit's name as a list drawn for a date shows it: a unit no longer in force on the date says
 * until when it was ("Vạn Phúc (cũ, đến 30/6/2025)"), one not yet in force since when it is, so two
 * units of one name (the old ward Dương Nội and the new one) are never mistaken for each other.
 */
export function unitLabelOn(lang: Lang, unit: Dated, on: Date) {
  const validFrom = new Date(unit.validFrom);
  const validTo = unit.validTo === null ? null : new Date(unit.validTo);
  // validTo is the first day no longer in force: the last day in force is the one before.
  if (validTo && validTo <= on) return translate(lang, "unit.former", { name: unit.name, date: shortDay(new Date(validTo.getTime() - DAY)) });
  if (validFrom > on) return translate(lang, "unit.future", { name: unit.name, date: shortDay(validFrom) });
  return unit.name;
}

function levelWord(lang: Lang, level: string) {
  const key = `unit.level.${level}` as MessageKey;
  return translate(lang, level === "commune" ? key : "unit.level.ward");
}

type Former = { name: string; successors: { id: string; name: string; level: string }[] };

/**
 * The choices a ward picker adds for people who know only their old ward: one per successor
 * ("Vạn Phúc → nay thuộc phường Hà Đông"; a split ward has a line for each part), whose value is
 * the successor, so choosing one is choosing the ward in force.
 */
export function formerWardGroup(lang: Lang, formers: Former[]) {
  return {
    label: translate(lang, "unit.formerGroup"),
    options: formers.flatMap((former) =>
      former.successors.map((successor) => ({
        value: successor.id,
        label: translate(lang, "unit.formerTo", { former: former.name, level: levelWord(lang, successor.level), successor: successor.name }),
      })),
    ),
  };
}
