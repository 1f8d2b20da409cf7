import { expect, test } from "vitest";

import { endOfDay, formatTime, isoDay, monthsBetween, parseIsoDay, startOfDay } from "./dates";

test("a day written yyyy-mm-dd starts and ends at Hà Nội's midnights, whatever the server's time zone", () => {
  expect(startOfDay("2026-03-15").toISOString()).toBe("2026-03-14T17:00:00.000Z");
  expect(endOfDay("2026-03-15").toISOString()).toBe("2026-03-15T16:59:59.999Z");
  expect(isoDay(endOfDay("2026-03-15"))).toBe("2026-03-15");
});

test("only a real calendar day is read from a date input or a URL", () => {
  expect(parseIsoDay("2028-02-29")).toEqual(startOfDay("2028-02-29"));
  for (const value of ["2026-02-31", "2026-13-01", "15/03/2026", "2026-3-15", ""]) expect(parseIsoDay(value), value).toBeNull();
});

test("times are written hh:mm in Hà Nội", () => {
  expect(formatTime(new Date("2026-03-15T02:05:00Z"))).toBe("09:05");
});

test("months run from the period's start to the date, across years, in Hà Nội time", () => {
  expect(monthsBetween(new Date("2025-11-15T00:00:00+07:00"), new Date("2026-02-01T00:00:00+07:00"))).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  // 31/12 at 20:00 in UTC is already January in Hà Nội.
  expect(monthsBetween(new Date("2026-12-31T20:00:00Z"), new Date("2026-12-31T20:00:00Z"))).toEqual(["2027-01"]);
});
