import { describe, expect, test } from "vitest";

import { countSmsSegments, toSmsText } from "./sms-text";

describe("SMS text", () => {
  test("Vietnamese goes without diacritics by default, and as typed when sent as Unicode", () => {
    expect(toSmsText("Phường Vạn Phúc đã duyệt hồ sơ")).toBe("Phuong Van Phuc da duyet ho so");
    expect(toSmsText("Phường Vạn Phúc", { unicode: true })).toBe("Phường Vạn Phúc");
  });

  test("text without diacritics fits 160 characters a segment, 153 a part beyond", () => {
    expect(countSmsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", length: 160, segments: 1 });
    expect(countSmsSegments("a".repeat(161)).segments).toBe(2);
    expect(countSmsSegments("a".repeat(306)).segments).toBe(2);
    expect(countSmsSegments("a".repeat(307)).segments).toBe(3);
    // The euro sign and brackets take an escape each.
    expect(countSmsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", length: 160, segments: 1 });
  });

  test("text with diacritics is Unicode: 70 characters a segment, 67 a part beyond", () => {
    expect(countSmsSegments("ư".repeat(70))).toEqual({ encoding: "UCS-2", length: 70, segments: 1 });
    expect(countSmsSegments("ư".repeat(71)).segments).toBe(2);
    expect(countSmsSegments("ư".repeat(135)).segments).toBe(3);
    const approved = "Phường đã duyệt hồ sơ chứng nhận không sử dụng lao động trẻ em của Hộ Dệt Bà Tư. Mã chứng nhận: CN-7K2Q.";
    expect(countSmsSegments(toSmsText(approved)).segments).toBe(1);
    expect(countSmsSegments(approved).segments).toBe(2);
  });
});
