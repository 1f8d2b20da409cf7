import { describe, expect, test } from "vitest";

import { formatBytes, isLearningPath, modulePageOf } from "./offline";

describe("which pages the phone keeps", () => {
  test("courses, modules, quizzes and course images; nothing else", () => {
    for (const path of ["/khoa-hoc", "/khoa-hoc/04.ho-gia-dinh", "/khoa-hoc/04.ho-gia-dinh/01.mot", "/kiem-tra/abc", "/noi-dung/ho-gia-dinh/media/a.svg"]) {
      expect(isLearningPath(path), path).toBe(true);
    }
    for (const path of ["/", "/quan-tri/bao-cao", "/khoa-hocx", "//evil.example/khoa-hoc", "/kiem-tra/abc/def", "/dang-xuat"]) {
      expect(isLearningPath(path), path).toBe(false);
    }
  });

  test("a module page is told apart from the course's certificate and download addresses", () => {
    expect(modulePageOf("/khoa-hoc/c/m")).toEqual({ course: "c", module: "m" });
    expect(modulePageOf("/khoa-hoc/c/chung-nhan")).toBeNull();
    expect(modulePageOf("/khoa-hoc/c/tai-ve")).toBeNull();
    expect(modulePageOf("/khoa-hoc/c")).toBeNull();
  });
});

test("a download size reads as KB or MB in the reader's language", () => {
  expect(formatBytes(700 * 1024, "vi")).toBe("700 KB");
  expect(formatBytes(1.25 * 1024 * 1024, "vi")).toBe("1,3 MB");
  expect(formatBytes(1.25 * 1024 * 1024, "en")).toBe("1.3 MB");
});
