import { expect, test } from "vitest";

import { foldForSearch } from "./search";

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
