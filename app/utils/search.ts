import { cleanText } from "./text";

/**
 * Folds text for matching: lower case, Vietnamese diacritics removed, đ → d, spaces collapsed,
 * so that "nguyen van a" finds "Nguyễn Văn A". Names are stored folded beside the original.
 */
export function foldForSearch(text: string): string {
  // Printable ASCII folds to itself: only the other characters (a surrogate pair as one) are looked up.
  return cleanText(text)
    .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[^ -~]/g, foldedCharacter)
    .toLowerCase();
}

// Each character's fold, worked out once: decomposing and stripping the marks of a whole name per
// call cost 3-4 µs, 0.3-0.4 s of a 100,000-row import (issue 14). A character decomposes alone, so
// folding it by itself is what folding the whole text did. Vietnamese needs a few hundred entries;
// past FOLDED_KEPT (text sent to fill the table) characters are folded without being kept.
const FOLDED = new Map<string, string>();
const FOLDED_KEPT = 10_000;
function foldedCharacter(character: string) {
  let folded = FOLDED.get(character);
  if (folded === undefined) {
    folded = character.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
    if (FOLDED.size < FOLDED_KEPT) FOLDED.set(character, folded);
  }
  return folded;
}

/** Vietnamese alphabetical order (Đ after D, tones after the bare letter), for sorting names. */
export const VIETNAMESE_ORDER = new Intl.Collator("vi");
