// Verification codes, validity dates and status of certificates, as pure functions: the database
// code beside them calls them, and they are tested on their own.
import { randomInt } from "node:crypto";

import { DAY, formatDate } from "#app/utils/dates";

// Crockford's base32: digits and capitals without I, L, O and U, so a code read aloud or copied
// by hand is not mistaken (0/O, 1/I/L). Case and the letters people confuse are folded on input.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 5;
const GROUP_LENGTH = 5;
/** 25 characters of 5 bits: 125 random bits, far beyond guessing (one chance in 4 x 10^37). */
export const CODE_LENGTH = GROUPS * GROUP_LENGTH;

function grouped(compact: string) {
  return Array.from({ length: GROUPS }, (_, index) => compact.slice(index * GROUP_LENGTH, (index + 1) * GROUP_LENGTH)).join("-");
}

/** A new verification code, e.g. "7KQ2M-X3ABD-9RTVW-0HNPZ-4C8EF", from the system's secure random source. */
export function newVerificationCode() {
  return grouped(Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
}

/**
 * The stored form of a code as somebody typed or scanned it (any case, spaces or dashes anywhere,
 * O for 0, I or L for 1), or null when it cannot be a code at all.
 */
export function normaliseVerificationCode(input: string): string | null {
  if (input.length > 100) return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (compact.length !== CODE_LENGTH || [...compact].some((char) => !ALPHABET.includes(char))) return null;
  return grouped(compact);
}

const HANOI_DAY = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/** Midnight in Hà Nội (UTC+7, no daylight saving) of the day a moment falls in there. */
export function startOfHanoiDay(date: Date) {
  return new Date(`${HANOI_DAY.format(date)}T00:00:00+07:00`);
}

/**
 * The same day some months later, in Hà Nội; a day the later month lacks becomes its last day
 * (29/02/2028 plus 12 months is 28/02/2029), never a day of the month after.
 */
export function addMonths(day: Date, months: number) {
  const [year = 0, month = 1, date = 1] = HANOI_DAY.format(day).split("-").map(Number);
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = (target % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, "0");
  return new Date(`${targetYear}-${pad(targetMonth)}-${pad(Math.min(date, lastDay))}T00:00:00+07:00`);
}

/** A child-labour-free certificate is valid for 12 months (the business course, module 5). */
const VALIDITY_MONTHS = 12;
/** Renewal opens this many days before expiry. */
const RENEWAL_WINDOW_DAYS = 60;

type Dated = { issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null };

/**
 * Validity of the certificate issued on approval. A renewal approved before the previous
 * certificate expires starts the day it ends, so the organisation has no day uncertified; any
 * other certificate starts on the day of approval. Both run 12 months; a certificate is valid
 * from its first day (inclusive) to `expiresAt` (exclusive), both midnights in Hà Nội.
 */
export function validityOnApproval(approvedAt: Date, previous: Dated | null) {
  const follows = previous && !previous.revokedAt && previous.expiresAt && previous.expiresAt > approvedAt;
  const issuedAt = follows && previous.expiresAt ? previous.expiresAt : startOfHanoiDay(approvedAt);
  return { issuedAt, expiresAt: addMonths(issuedAt, VALIDITY_MONTHS) };
}

export type CertificateStatus = "valid" | "not_yet_valid" | "expired" | "revoked";

/** Status at a moment, computed from the dates, so "expired" needs no job to appear everywhere. */
export function certificateStatus(certificate: Dated, now = new Date()): CertificateStatus {
  if (certificate.revokedAt && certificate.revokedAt <= now) return "revoked";
  if (now < certificate.issuedAt) return "not_yet_valid";
  if (certificate.expiresAt && now >= certificate.expiresAt) return "expired";
  return "valid";
}

/** The first moment an organisation may apply to renew a certificate. */
export function renewalOpensAt(expiresAt: Date) {
  return new Date(expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY);
}

/**
 * Whether the latest certificate of an organisation can be renewed now: not revoked, and within
 * 60 days of expiry or already expired (a late renewal starts on its approval day).
 */
export function canRenew(latest: Dated, now = new Date()) {
  if (latest.revokedAt || !latest.expiresAt) return false;
  return now >= renewalOpensAt(latest.expiresAt);
}

/** The last day a certificate is valid, as people read it ("có giá trị đến hết ngày ..."). */
export function lastValidDay(expiresAt: Date) {
  return new Date(expiresAt.getTime() - DAY);
}

/** The last valid day as the pages print it, or null for a certificate that does not expire. */
export function validUntilOf(expiresAt: Date | null) {
  return expiresAt ? formatDate(lastValidDay(expiresAt)) : null;
}
