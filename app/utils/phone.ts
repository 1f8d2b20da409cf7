// Vietnamese numbers arrive as 0912 345 678, +84 912 345 678, 84912345678, (024) 3352 5662...
// They are stored in one form, E.164 ("+84912345678"), so that each person has one account.
const MOBILE = /^[35789]\d{8}$/;
const LANDLINE = /^2\d{9}$/;

// The 2018 conversion of 11-digit mobile numbers to 10 digits (Ministry of Information and
// Communications, 15 September 2018 to 30 June 2019): only the prefix changes, the last seven
// digits stay. Source: kynguyenso.plo.vn, "2 cách chuyển số điện thoại 11 số về 10 số" (May 2018).
// Keys and values are national prefixes without the leading 0 (0162 → 032 is "162" → "32").
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  // MobiFone
  "120": "70",
  "121": "79",
  "122": "77",
  "126": "76",
  "128": "78",
  // VinaPhone
  "123": "83",
  "124": "84",
  "125": "85",
  "127": "81",
  "129": "82",
  // Viettel
  "162": "32",
  "163": "33",
  "164": "34",
  "165": "35",
  "166": "36",
  "167": "37",
  "168": "38",
  "169": "39",
  // Vietnamobile
  "186": "56",
  "188": "58",
  // Gmobile
  "199": "59",
};

/** A number read, and what had to be mended to read it: an old 11-digit mobile, or a leading 0 a spreadsheet dropped. */
export type ReadPhone = { phone: string; converted: boolean; restoredZero: boolean };

/** Reads a Vietnamese phone number into E.164, mending an old 11-digit mobile or a dropped leading 0; null when it is not one. */
export function readPhone(input: string): ReadPhone | null {
  const compact = input.replace(/[\s.\-()\u00A0]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  let restoredZero = false;
  if (compact.startsWith("+84")) national = compact.slice(3);
  else if (compact.startsWith("84") && compact.length >= 11) national = compact.slice(2);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else if (compact.startsWith("+")) return null;
  else {
    // Typed as a number, Excel keeps 912345678 of 0912345678 (and 1621234567 of an old 01621234567).
    national = compact;
    restoredZero = true;
  }
  if (national.startsWith("0")) national = national.slice(1);
  let converted = false;
  const newPrefix = national.length === 10 ? OLD_MOBILE_PREFIXES[national.slice(0, 3)] : undefined;
  if (newPrefix) {
    national = newPrefix + national.slice(3);
    converted = true;
  }
  if (!MOBILE.test(national) && !LANDLINE.test(national)) return null;
  return { phone: `+84${national}`, converted, restoredZero };
}

/** The E.164 form of a Vietnamese phone number, or null when it is not one. */
export function normalisePhone(input: string): string | null {
  return readPhone(input)?.phone ?? null;
}

/** The form people read and dial at home: "0912 345 678". */
export function formatPhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, "")}`;
  return national.length === 10 ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}` : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}

/**
 * What a search for a phone looks for in stored E.164 numbers: the digits as typed ("0003",
 * "84901"), and, for input that starts with a trunk 0 or is a whole number, its E.164 form or
 * prefix ("0901 000 003" and "901000003" → "+84901000003", "0901" → "+84901"). Null when the
 * input is not a phone written some way, or has fewer than four digits.
 */
export function phoneSearchTerms(input: string): string[] | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s.\-()\u00A0]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 4) return null;
  const terms = new Set([digits]);
  const whole = normalisePhone(trimmed);
  if (whole) terms.add(whole);
  if (digits.startsWith("0")) terms.add(`+84${digits.slice(1)}`);
  return [...terms];
}

/**
 * A phone as lists show it, "0901 *** 003": enough to tell two people apart, not enough to call
 * them. The whole number is shown only when an admin opens the person, or exports (audited).
 */
export function maskPhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, "")}`;
  return `${national.slice(0, 4)} *** ${national.slice(-3)}`;
}
