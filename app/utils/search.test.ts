import { expect, test } from "vitest";

import { foldForSearch } from "./search";
import { cleanText } from "./text";

test("folding removes Vietnamese diacritics and case", () => {
  expect(foldForSearch("Nguyễn Văn A")).toBe("nguyen van a");
  expect(foldForSearch("ĐỖ THỊ HOA")).toBe("do thi hoa");
  expect(foldForSearch("  Phạm   Thị  Lan ")).toBe("pham thi lan");
});

test("text typed with decomposed accents folds like precomposed text", () => {
  expect(foldForSearch("Nguye\u0302\u0303n")).toBe(foldForSearch("Nguyễn"));
});

test("every Vietnamese vowel with every tone folds to its bare letter, and a stray mark is dropped", () => {
  expect(foldForSearch("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ èéẻẽẹêềếểễệ ÌÍỈĨỊ òóỏõọôồốổỗộơờớởỡợ ÙÚỦŨỤƯỪỨỬỮỰ ỳýỷỹỵ Đđ")).toBe(
    "aaaaaaaaaaaaaaaaa eeeeeeeeeee iiiii ooooooooooooooooo uuuuuuuuuuu yyyyy dd",
  );
  expect(foldForSearch("x\u0301 Hà Nội 🌾")).toBe("x ha noi 🌾");
});

test("every character folds as decomposing the whole text and stripping its marks did", () => {
  const wholeText = (text: string) => cleanText(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  const differing: string[] = [];
  for (let code = 0x80; code <= 0x2ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const text = `Hà ${String.fromCodePoint(code)}n`;
    if (foldForSearch(text) !== wholeText(text)) differing.push(code.toString(16));
  }
  expect(differing).toEqual([]);
}, 20_000);
