// SMS encodings (3GPP TS 23.038): text in the GSM 7-bit alphabet fits 160 characters in one
// segment (153 a part when split); anything else is sent as UCS-2, 70 (67 a part). Vietnamese with
// its diacritics is UCS-2, so messages go without them by default: "Phường" costs as much as 2.3
// characters of "Phuong".
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// Each costs two septets (an escape and the character).
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** The text without Vietnamese diacritics ("Phường Vạn Phúc" → "Phuong Van Phuc"), case kept. */
export function withoutDiacritics(text: string) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

/** How an SMS of this text is encoded and how many segments it is billed as. */
export function countSmsSegments(text: string) {
  const characters = [...text];
  const gsm = characters.every((character) => GSM_BASIC.includes(character) || GSM_EXTENDED.includes(character));
  if (gsm) {
    const septets = characters.reduce((sum, character) => sum + (GSM_EXTENDED.includes(character) ? 2 : 1), 0);
    return { encoding: "GSM-7" as const, length: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  }
  // UCS-2 counts UTF-16 code units: an emoji outside the basic plane takes two.
  const units = text.length;
  return { encoding: "UCS-2" as const, length: units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** An SMS's text: without diacritics unless `unicode`. */
export const toSmsText = (text: string, { unicode = false } = {}) => (unicode ? text : withoutDiacritics(text));
