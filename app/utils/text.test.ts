import { describe, expect, test } from "vitest";
import { z } from "zod";

import { fullNameField, parseForm } from "./forms";
import { nameOrPhoneFilter, readListQuery } from "./list-query";
import { foldForSearch } from "./search";
import { cleanText } from "./text";

describe("cleanText", () => {
  test("a name written decomposed, as macOS and some phones write it, is stored composed", () => {
    const decomposed = "Nguye\u0302\u0303n Thi\u0323 Hoa";
    expect(decomposed).not.toBe("Nguyễn Thị Hoa");
    expect(cleanText(decomposed)).toBe("Nguyễn Thị Hoa");
  });

  test("invisible characters go, non-breaking spaces and line breaks become one space, ends are trimmed", () => {
    expect(cleanText("\u200BNguyễn\u00A0Thị\u00AD  Hoa\u200D ")).toBe("Nguyễn Thị Hoa");
    expect(cleanText("Trần\r\nVăn\tBình")).toBe("Trần Văn Bình");
    expect(cleanText("\uFEFF  ")).toBe("");
  });
});

describe("text at the boundaries", () => {
  test("every text field of a form arrives clean; a password arrives as typed", () => {
    const formData = new FormData();
    formData.set("fullName", " Nguye\u0302\u0303n\u00A0 Văn\u200B A ");
    formData.set("password", " mật khẩu  có dấu cách ");
    const form = parseForm(formData, z.object({ fullName: fullNameField, password: z.string() }));
    expect(form).toMatchObject({ ok: true, data: { fullName: "Nguyễn Văn A", password: " mật khẩu  có dấu cách " } });
  });

  test("a search typed with invisible or decomposed characters searches for the clean text", () => {
    expect(readListQuery(new URLSearchParams({ q: " Nguye\u0302\u0303n\u200B  " })).q).toBe("Nguyễn");
    expect(foldForSearch("Nguye\u0302\u0303n\u200B\u00A0Văn")).toBe("nguyen van");
  });
});

describe("searching by phone", () => {
  const phoneTerms = (query: string) => {
    const filter = nameOrPhoneFilter(query) as { OR?: ({ phone: { contains: string } } | { searchName: unknown })[] };
    return (filter.OR ?? []).flatMap((clause) => ("phone" in clause ? [clause.phone.contains] : []));
  };

  test("a phone written any way looks for the stored number", () => {
    for (const query of ["0901 000 003", "0901000003", "+84 901 000 003", "901000003", "0901.000.003"]) {
      expect(phoneTerms(query), query).toContain("+84901000003");
    }
  });

  test("part of a number looks for its digits, and a leading 0 for the start of the number", () => {
    expect(phoneTerms("0003")).toContain("0003");
    expect(phoneTerms("0901")).toEqual(["0901", "+84901"]);
    expect(phoneTerms("123")).toEqual([]);
    expect(phoneTerms("Nguyễn 0901")).toEqual([]);
  });
});
