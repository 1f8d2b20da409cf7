import { describe, expect, test } from "vitest";

import { findNewStyleToneMarks } from "./tone-marks";

const words = (text: string) => findNewStyleToneMarks(text).map((problem) => [problem.found, problem.write]);

describe("the tone mark of oa, oe and uy goes on the first vowel", () => {
  test("the mark on the second vowel at the end of a syllable is flagged, with the traditional spelling", () => {
    expect(words("khoá học, hoá chất, hoà giải, xoá, thoả thuận, tai hoạ")).toEqual([
      ["khoá", "khóa"],
      ["hoá", "hóa"],
      ["hoà", "hòa"],
      ["xoá", "xóa"],
      ["thoả", "thỏa"],
      ["hoạ", "họa"],
    ]);
    expect(words("sức khoẻ, cây hoè, loẹt quẹt, thuỷ sản, luỹ kế, tuỳ, tàu thuỷ")).toEqual([
      ["khoẻ", "khỏe"],
      ["hoè", "hòe"],
      ["thuỷ", "thủy"],
      ["luỹ", "lũy"],
      ["tuỳ", "tùy"],
      ["thuỷ", "thủy"],
    ]);
  });

  test("capitals and a word-initial uy are flagged too", () => {
    expect(words("KHOÁ HỌC · Uỷ ban nhân dân · HOẠ")).toEqual([
      ["KHOÁ", "KHÓA"],
      ["Uỷ", "Ủy"],
      ["HOẠ", "HỌA"],
    ]);
  });

  test("qu is a consonant: quý, quỳ, quỹ, Quý are right and not flagged", () => {
    expect(words("quý, quỳ, quỹ bảo hiểm, Quý, QUÝ, quý vị")).toEqual([]);
  });

  test("with a letter after the pair the mark belongs on the second vowel: not flagged", () => {
    expect(words("hoàn thành, toán, khoảng, hoạt động, ngoái, xoáy, khoèo, huỳnh, khuỷu, tuýt, quyết, thuyền")).toEqual([]);
  });

  test("the traditional spellings pass", () => {
    expect(words("khóa học, hóa chất, hòa giải, xóa, thỏa thuận, họa, sức khỏe, thủy, lũy, Ủy ban, tùy")).toEqual([]);
  });

  test("each problem names its line, also in decomposed (NFD) text", () => {
    const problems = findNewStyleToneMarks("dòng một\nkhóa đúng\nkhoá sai".normalize("NFD"));
    expect(problems).toEqual([{ line: 3, found: "khoá", write: "khóa" }]);
  });
});
