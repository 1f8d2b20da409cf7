// Zero-width space, non-joiner, joiner, word joiner, BOM and the soft hyphen: invisible, yet they
// make two identical-looking names differ and break search.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Non-breaking and other Unicode spaces, tabs and line breaks all read as one space inside a line.
const SPACES = /[\s\u00A0\u2007\u202F]+/g;

const NEEDS_CLEANING = /[\u200B-\u200D\u2060\uFEFF\u00AD\u00A0\u2007\u202F]|[^\S ]| {2}|^ | $/;

/**
 * One line of text as we store and compare it: Unicode NFC (macOS and some phones write names
 * decomposed), invisible characters removed, spaces and line breaks collapsed to one space, trimmed.
 */
export function cleanText(text: string): string {
  const composed = text.normalize("NFC");
  // Most text is clean already: one test instead of two replacements (100,000-row imports).
  return NEEDS_CLEANING.test(composed) ? composed.replace(INVISIBLE, "").replace(SPACES, " ").trim() : composed;
}

/** Text of several lines (a note, a message): each line cleaned, blank lines kept, at most one in a row. */
export function cleanMultilineText(text: string): string {
  return text
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(SPACES, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
