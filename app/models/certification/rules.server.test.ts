import { describe, expect, test } from "vitest";

import {
  addMonths,
  canRenew,
  certificateStatus,
  CODE_LENGTH,
  lastValidDay,
  newVerificationCode,
  normaliseVerificationCode,
  renewalOpensAt,
  startOfHanoiDay,
  validityOnApproval,
} from "./rules.server";

const hanoi = (text: string) => new Date(`${text}+07:00`);

describe("verification codes", () => {
  test("a code is 25 characters of Crockford base32 in five groups, and codes do not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newVerificationCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(CODE_LENGTH * 5).toBeGreaterThanOrEqual(125);
  });

  test("every character of the alphabet turns up: the code uses its whole range", () => {
    const seen = new Set(Array.from({ length: 400 }, () => newVerificationCode().replace(/-/g, "")).join(""));
    expect(seen.size).toBe(32);
  });

  test("a code typed in lower case, without dashes, with spaces or with O, I, L for 0, 1 is the same code", () => {
    const code = "7KQ2M-X3ABD-9RTVW-0HNPZ-4C8E1";
    expect(normaliseVerificationCode(code)).toBe(code);
    expect(normaliseVerificationCode("7kq2mx3abd9rtvw0hnpz4c8e1")).toBe(code);
    expect(normaliseVerificationCode(" 7KQ2M X3ABD 9RTVW OHNPZ 4C8EL ")).toBe(code);
    expect(normaliseVerificationCode("7KQ2M-X3ABD-9RTVW-0HNPZ-4C8EI")).toBe(code);
  });

  test("anything that cannot be a code is refused before any lookup", () => {
    for (const input of ["", "ABC", "7KQ2M-X3ABD-9RTVW-0HNPZ-4C8E", "7KQ2M-X3ABD-9RTVW-0HNPZ-4C8EUU", "7KQ2M-X3ABD-9RTVW-0HNPZ-4C8U1", "' OR 1=1 --", "x".repeat(500)]) {
      expect(normaliseVerificationCode(input), input).toBeNull();
    }
  });
});

describe("dates", () => {
  test("the day starts at midnight in Hà Nội, whatever the moment's UTC date", () => {
    expect(startOfHanoiDay(new Date("2026-12-02T20:30:00Z")).toISOString()).toBe("2026-12-02T17:00:00.000Z");
    expect(startOfHanoiDay(new Date("2026-12-02T16:59:00Z")).toISOString()).toBe("2026-12-01T17:00:00.000Z");
  });

  test("twelve months later is the same day next year; 29 February becomes 28 February", () => {
    expect(addMonths(hanoi("2026-12-03T00:00:00"), 12)).toEqual(hanoi("2027-12-03T00:00:00"));
    expect(addMonths(hanoi("2028-02-29T00:00:00"), 12)).toEqual(hanoi("2029-02-28T00:00:00"));
    expect(addMonths(hanoi("2027-01-31T00:00:00"), 1)).toEqual(hanoi("2027-02-28T00:00:00"));
  });

  test("a first certificate runs from the day of approval for 12 months", () => {
    const validity = validityOnApproval(hanoi("2026-12-03T15:20:00"), null);
    expect(validity).toEqual({ issuedAt: hanoi("2026-12-03T00:00:00"), expiresAt: hanoi("2027-12-03T00:00:00") });
    expect(lastValidDay(validity.expiresAt)).toEqual(hanoi("2027-12-02T00:00:00"));
  });

  test("a renewal approved before expiry starts the day the old certificate ends: no gap, no overlap", () => {
    const previous = { issuedAt: hanoi("2026-12-03T00:00:00"), expiresAt: hanoi("2027-12-03T00:00:00"), revokedAt: null };
    const renewed = validityOnApproval(hanoi("2027-11-20T09:00:00"), previous);
    expect(renewed).toEqual({ issuedAt: previous.expiresAt, expiresAt: hanoi("2028-12-03T00:00:00") });
    // The moment before the new one starts the old one is valid, and from then on the new one.
    const edge = previous.expiresAt;
    expect(certificateStatus(previous, new Date(edge.getTime() - 1))).toBe("valid");
    expect(certificateStatus({ ...renewed, revokedAt: null }, new Date(edge.getTime() - 1))).toBe("not_yet_valid");
    expect(certificateStatus(previous, edge)).toBe("expired");
    expect(certificateStatus({ ...renewed, revokedAt: null }, edge)).toBe("valid");
  });

  test("a renewal approved after expiry starts on its approval day", () => {
    const previous = { issuedAt: hanoi("2026-12-03T00:00:00"), expiresAt: hanoi("2027-12-03T00:00:00"), revokedAt: null };
    const late = validityOnApproval(hanoi("2027-12-20T09:00:00"), previous);
    expect(late.issuedAt).toEqual(hanoi("2027-12-20T00:00:00"));
  });

  test("renewal opens 60 days before expiry, stays open after it, and never for a revoked certificate", () => {
    const certificate = { issuedAt: hanoi("2026-12-03T00:00:00"), expiresAt: hanoi("2027-12-03T00:00:00"), revokedAt: null };
    expect(renewalOpensAt(certificate.expiresAt)).toEqual(hanoi("2027-10-04T00:00:00"));
    expect(canRenew(certificate, hanoi("2027-10-03T23:59:00"))).toBe(false);
    expect(canRenew(certificate, hanoi("2027-10-04T00:00:00"))).toBe(true);
    expect(canRenew(certificate, hanoi("2028-01-10T00:00:00"))).toBe(true);
    expect(canRenew({ ...certificate, revokedAt: hanoi("2027-06-01T10:00:00") }, hanoi("2027-11-01T00:00:00"))).toBe(false);
  });
});

describe("status", () => {
  const certificate = { issuedAt: hanoi("2026-12-03T00:00:00"), expiresAt: hanoi("2027-12-03T00:00:00"), revokedAt: null };

  test("valid inside its dates, expired from its expiry, not yet valid before its first day", () => {
    expect(certificateStatus(certificate, hanoi("2027-06-01T12:00:00"))).toBe("valid");
    expect(certificateStatus(certificate, hanoi("2027-12-03T00:00:00"))).toBe("expired");
    expect(certificateStatus(certificate, hanoi("2026-12-02T23:59:59"))).toBe("not_yet_valid");
  });

  test("revocation takes effect at its moment and outranks expiry", () => {
    const revoked = { ...certificate, revokedAt: hanoi("2027-03-10T14:00:00") };
    expect(certificateStatus(revoked, hanoi("2027-03-10T13:59:59"))).toBe("valid");
    expect(certificateStatus(revoked, hanoi("2027-03-10T14:00:00"))).toBe("revoked");
    expect(certificateStatus(revoked, hanoi("2028-01-01T00:00:00"))).toBe("revoked");
  });

  test("a course certificate without an expiry stays valid", () => {
    expect(certificateStatus({ ...certificate, expiresAt: null }, hanoi("2040-01-01T00:00:00"))).toBe("valid");
  });
});
