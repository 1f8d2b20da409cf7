// One spelling for the tone mark in "oa", "oe" and "uy" (content/README.md): the traditional
// placement, on the first vowel (khóa, hòa, khỏe, thủy), not the newer one on the second (khoá,
// hoà, khoẻ, thuỷ).
//
// The two styles differ only when the pair ends the syllable. With a letter after it the mark sits
// on the second vowel in both styles (hoàn, toán, khoáng, ngoái, xoáy, huỳnh, khuỷu), so those are
// never flagged. In "qu" the u belongs to the consonant and the y is the vowel that takes the mark,
// so "quý", "quỳ", "quỹ" are right in both styles; "uy" anywhere else is flagged (thuỷ, tuỳ, uỷ).
const SECOND_VOWEL_MARKED = /(?:o[áàảãạéèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?!\p{L})/giu;

type ToneMarkProblem = { line: number; found: string; write: string };

/** The mark moved to the first vowel: "oá" → "óa", "Uỷ" → "Ủy". */
function traditional(pair: string) {
  const [first = "", second = ""] = [...pair];
  const [base = "", ...mark] = [...second.normalize("NFD")];
  return `${(first + mark.join("")).normalize("NFC")}${base}`;
}

/** Every word of the text whose "oa", "oe" or "uy" carries its tone mark on the second vowel, by line. */
export function findNewStyleToneMarks(text: string): ToneMarkProblem[] {
  return text.split("\n").flatMap((raw, index) => {
    const line = raw.normalize("NFC");
    return Array.from(line.matchAll(SECOND_VOWEL_MARKED), (match) => {
      // The whole word, so that the message can be searched for in the file.
      const before = /\p{L}*$/u.exec(line.slice(0, match.index))?.[0] ?? "";
      return { line: index + 1, found: `${before}${match[0]}`, write: `${before}${traditional(match[0])}` };
    });
  });
}
