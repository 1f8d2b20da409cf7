// When the outbox may hand a message over (issue 22, item 6; docs/decisions/014-outbox.md): no SMS
// or Zalo in Hà Nội's quiet hours, and at most a few messages a Hà Nội day to one address. Pure
// functions of a moment, so the sender's injectable clock drives them in the tests.
import { DAY } from "#app/utils/dates";

import type { Channel } from "./types";

/** Hà Nội keeps UTC+7 all year. */
const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** Quiet hours in Hà Nội: from `start` o'clock to `end` o'clock, across midnight when start > end. */
export type QuietHours = { start: number; end: number };

/** Phones ring for these; an e-mail waits in its mailbox and is not held. */
export const QUIET_CHANNELS: readonly Channel[] = ["sms", "zalo"];

/**
 * Messages the person is waiting for at that minute, which the daily cap does not hold until
 * tomorrow: a set-up code is sent while the person stands at the ward's desk or is on the phone
 * with it, and each one issued replaces the last (an admin's audited action, not a mailing). Quiet
 * hours and an opt-out still apply: the code is also shown to the admin, who can read it out.
 */
export const UNCAPPED_TEMPLATES: ReadonlySet<string> = new Set(["setup-code"]);

/** "21-7" → 21:00 to 07:00; "off" → none. Throws on anything else. */
export function parseQuietHours(value: string): QuietHours | null {
  if (value === "off") return null;
  const match = /^(\d{1,2})-(\d{1,2})$/.exec(value);
  const [start, end] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(start >= 0 && start <= 23 && end >= 0 && end <= 23 && start !== end)) {
    throw new Error(`OUTBOX_QUIET_HOURS must be "off" or two hours of the day as "21-7", not "${value}"`);
  }
  return { start, end };
}

/** The hour of the day in Hà Nội, with its fraction (21.5 is 21:30). */
function hanoiHour(moment: Date) {
  return ((((moment.getTime() + HANOI_OFFSET_MS) % DAY) + DAY) % DAY) / HOUR;
}

/** Midnight in Hà Nội at the start of the day `moment` falls on. */
export function startOfHanoiDay(moment: Date) {
  const local = moment.getTime() + HANOI_OFFSET_MS;
  return new Date(local - (((local % DAY) + DAY) % DAY) - HANOI_OFFSET_MS);
}

/** Midnight in Hà Nội at the start of the next day. */
export function startOfNextHanoiDay(moment: Date) {
  return new Date(startOfHanoiDay(moment).getTime() + DAY);
}

export function isQuiet(quiet: QuietHours | null | undefined, moment: Date) {
  if (!quiet) return false;
  const hour = hanoiHour(moment);
  return quiet.start > quiet.end ? hour >= quiet.start || hour < quiet.end : hour >= quiet.start && hour < quiet.end;
}

/** When the quiet hours `moment` falls in end (07:00 of the same or the next morning). */
export function quietEnd(quiet: QuietHours, moment: Date) {
  const endToday = new Date(startOfHanoiDay(moment).getTime() + quiet.end * HOUR);
  return endToday.getTime() > moment.getTime() ? endToday : new Date(endToday.getTime() + DAY);
}

/** The first moment from `moment` on that a message on `channel` may be handed over. */
export function firstSendableMoment(channel: Channel, moment: Date, quiet: QuietHours | null | undefined) {
  return quiet && QUIET_CHANNELS.includes(channel) && isQuiet(quiet, moment) ? quietEnd(quiet, moment) : moment;
}
