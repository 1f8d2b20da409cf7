import { createHash, randomInt } from "node:crypto";

import { DAY } from "#app/utils/dates";

// Set-up codes are read aloud and copied by hand at ward meetings: no 0/O or 1/I/L.
const SETUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const SETUP_CODE_LENGTH = 8;
export const SETUP_CODE_DAYS = 30;

export function newSetupCode() {
  return Array.from({ length: SETUP_CODE_LENGTH }, () => SETUP_CODE_ALPHABET[randomInt(SETUP_CODE_ALPHABET.length)]).join("");
}

export function hashSetupCode(code: string) {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, "")).digest();
}

export function setupCodeFields(code: string, now: Date) {
  return {
    setupCodeHash: hashSetupCode(code).toString("hex"),
    setupExpiresAt: new Date(now.getTime() + SETUP_CODE_DAYS * DAY),
  };
}
