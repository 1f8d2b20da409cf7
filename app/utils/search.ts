/**
 * Folds text for matching: lower case, Vietnamese diacritics removed, đ → d, spaces collapsed,
 * so that "nguyen van a" finds "Nguyễn Văn A". Names are stored folded beside the original.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Vietnamese alphabetical order (Đ after D, tones after the bare letter), for sorting names. */
export const VIETNAMESE_ORDER = new Intl.Collator("vi");
