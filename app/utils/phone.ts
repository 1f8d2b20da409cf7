// Vietnamese numbers arrive as 0912 345 678, +84 912 345 678, 84912345678, (024) 3352 5662...
// They are stored in one form, E.164 ("+84912345678"), so that each person has one account.
const MOBILE = /^[35789]\d{8}$/;
const LANDLINE = /^2\d{9}$/;

/** The E.164 form of a Vietnamese phone number, or null when it is not one. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  let national: string;
  if (compact.startsWith("+84")) national = compact.slice(3);
  else if (compact.startsWith("84") && compact.length >= 11) national = compact.slice(2);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else return null;
  if (national.startsWith("0")) national = national.slice(1);
  if (!MOBILE.test(national) && !LANDLINE.test(national)) return null;
  return `+84${national}`;
}

/** The form people read and dial at home: "0912 345 678". */
export function formatPhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, "")}`;
  return national.length === 10 ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}` : `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
}

/**
 * A phone as lists show it, "0901 *** 003": enough to tell two people apart, not enough to call
 * them. The whole number is shown only when an admin opens the person, or exports (audited).
 */
export function maskPhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, "")}`;
  return `${national.slice(0, 4)} *** ${national.slice(-3)}`;
}
