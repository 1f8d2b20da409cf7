import { expect, test } from "vitest";

import { safeRedirect } from "./redirect";

test("a path of this site is kept, its query and fragment too", () => {
  expect(safeRedirect("/quan-tri/danh-sach?q=an&trang=2")).toBe("/quan-tri/danh-sach?q=an&trang=2");
  expect(safeRedirect("/khoa-hoc#bai-2")).toBe("/khoa-hoc#bai-2");
  expect(safeRedirect("/")).toBe("/");
});

test("anything that a browser could follow to another site goes to the default page", () => {
  const offSite = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/ /evil.example",
    "/\u0000/evil.example",
    "/\u00a0/evil.example",
    "/\u3000/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "%2F%09%2Fevil.example",
    "%2F%2Fevil.example",
    "",
    " /",
  ];
  for (const to of offSite) expect(safeRedirect(to, "/mac-dinh"), JSON.stringify(to)).toBe("/mac-dinh");
});

test("a missing value, or a file instead of text, goes to the default page", () => {
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect(undefined)).toBe("/");
  expect(safeRedirect(new File(["/"], "x.txt"))).toBe("/");
});

test("a path with letters outside ASCII comes back percent-encoded, ready for a Location header", () => {
  expect(safeRedirect("/quan-tri/danh-sach?q=Nguyễn")).toBe("/quan-tri/danh-sach?q=Nguy%E1%BB%85n");
});
