import { expect, test } from "vitest";

import { newId } from "./db.server";

test("hand-made ids have the schema's cuid shape, sort by time and never repeat", () => {
  const ids = Array.from({ length: 10_000 }, () => newId());
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids.slice(0, 100)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
  expect(newId(Date.parse("2026-12-02T00:00:00Z")) < newId(Date.parse("2026-12-03T00:00:00Z"))).toBe(true);
});
