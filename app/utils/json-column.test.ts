import { describe, expect, test } from "vitest";
import { z } from "zod";

import { decodeJsonColumn } from "./json-column";

describe("reading a JSON column", () => {
  const slugs = z.array(z.string());

  test("gives back what was written when it has the expected shape", () => {
    expect(decodeJsonColumn(JSON.stringify(["ho-gia-dinh", "doanh-nghiep"]), slugs)).toEqual(["ho-gia-dinh", "doanh-nghiep"]);
  });

  test("treats an empty column, broken JSON or another shape as absent", () => {
    expect(decodeJsonColumn(null, slugs)).toBeNull();
    expect(decodeJsonColumn("", slugs)).toBeNull();
    expect(decodeJsonColumn('["ho-gia', slugs)).toBeNull();
    expect(decodeJsonColumn(JSON.stringify({ slug: "ho-gia-dinh" }), slugs)).toBeNull();
  });
});
