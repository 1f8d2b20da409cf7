import { describe, expect, test } from "vitest";

import { parseOutboxConfig } from "#app/utils/env.server";

import { firstSendableMoment, isQuiet, parseQuietHours, quietEnd, startOfHanoiDay, startOfNextHanoiDay } from "./respect";

const hanoi = (text: string) => new Date(`${text}+07:00`);

describe("quiet hours and Hà Nội days", () => {
  const quiet = { start: 21, end: 7 };

  test("21:00 to 07:00 in Hà Nội, whatever the server's time zone", () => {
    expect(isQuiet(quiet, hanoi("2026-12-03T20:59:59"))).toBe(false);
    expect(isQuiet(quiet, hanoi("2026-12-03T21:00:00"))).toBe(true);
    expect(isQuiet(quiet, hanoi("2026-12-04T00:30:00"))).toBe(true);
    expect(isQuiet(quiet, hanoi("2026-12-04T06:59:59"))).toBe(true);
    expect(isQuiet(quiet, hanoi("2026-12-04T07:00:00"))).toBe(false);
    expect(isQuiet(null, hanoi("2026-12-04T02:00:00"))).toBe(false);
    // Hours that do not cross midnight.
    expect(isQuiet({ start: 12, end: 14 }, hanoi("2026-12-04T13:00:00"))).toBe(true);
    expect(isQuiet({ start: 12, end: 14 }, hanoi("2026-12-04T14:00:00"))).toBe(false);
  });

  test("the quiet hours end at 07:00 of the same morning or the next one", () => {
    expect(quietEnd(quiet, hanoi("2026-12-03T22:00:00"))).toEqual(hanoi("2026-12-04T07:00:00"));
    expect(quietEnd(quiet, hanoi("2026-12-04T03:00:00"))).toEqual(hanoi("2026-12-04T07:00:00"));
    expect(firstSendableMoment("sms", hanoi("2026-12-04T00:00:00"), quiet)).toEqual(hanoi("2026-12-04T07:00:00"));
    expect(firstSendableMoment("zalo", hanoi("2026-12-04T00:00:00"), quiet)).toEqual(hanoi("2026-12-04T07:00:00"));
    expect(firstSendableMoment("email", hanoi("2026-12-04T00:00:00"), quiet)).toEqual(hanoi("2026-12-04T00:00:00"));
    expect(firstSendableMoment("sms", hanoi("2026-12-04T09:00:00"), quiet)).toEqual(hanoi("2026-12-04T09:00:00"));
  });

  test("a Hà Nội day starts at midnight there (17:00 UTC)", () => {
    expect(startOfHanoiDay(new Date("2026-12-03T16:59:59Z"))).toEqual(hanoi("2026-12-03T00:00:00"));
    expect(startOfHanoiDay(new Date("2026-12-03T17:00:00Z"))).toEqual(hanoi("2026-12-04T00:00:00"));
    expect(startOfNextHanoiDay(hanoi("2026-12-31T23:59:59"))).toEqual(hanoi("2027-01-01T00:00:00"));
  });

  test("OUTBOX_QUIET_HOURS and OUTBOX_DAILY_CAP: 21-7 and 3 by default, off, or refused at start", () => {
    expect(parseOutboxConfig({})).toMatchObject({ OUTBOX_QUIET_HOURS: { start: 21, end: 7 }, OUTBOX_DAILY_CAP: 3 });
    expect(parseOutboxConfig({ OUTBOX_QUIET_HOURS: "off", OUTBOX_DAILY_CAP: "5" })).toMatchObject({ OUTBOX_QUIET_HOURS: null, OUTBOX_DAILY_CAP: 5 });
    expect(parseOutboxConfig({ OUTBOX_QUIET_HOURS: "22-6" }).OUTBOX_QUIET_HOURS).toEqual({ start: 22, end: 6 });
    for (const wrong of ["21:00-07:00", "25-7", "7-7", "night"]) expect(() => parseQuietHours(wrong)).toThrow("OUTBOX_QUIET_HOURS");
    expect(() => parseOutboxConfig({ OUTBOX_QUIET_HOURS: "21h-7h" })).toThrow("OUTBOX_QUIET_HOURS");
    expect(() => parseOutboxConfig({ OUTBOX_DAILY_CAP: "0" })).toThrow();
    expect(() => parseOutboxConfig({ SMS_REPLY_TOKEN: "short" })).toThrow("SMS_REPLY_TOKEN");
  });
});
