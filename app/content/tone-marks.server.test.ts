import { writeFileSync } from "node:fs";
import path from "node:path";

import { expect, test } from "vitest";

import { brokenCopy, FIXTURE_CONTENT, FIXTURE_COURSE } from "#tests/fixtures/content";

import { checkToneMarks } from "./tone-marks.server";

test("the fixture content is spelt with the tone mark on the first vowel", () => {
  expect(checkToneMarks(FIXTURE_CONTENT)).toEqual([]);
});

test("a lesson with the newer placement is named with its line", () => {
  const { dir } = brokenCopy(path.join(FIXTURE_COURSE, "01.mot.mdx"), (source) => `${source}\nKhông dùng hoá chất khi làm việc.\n`);
  expect(checkToneMarks(dir)).toEqual([expect.stringMatching(/01\.mot\.mdx: line \d+: "hoá" is written "hóa"/)]);
});

test("a quiz and another file (the messages) are checked too", () => {
  const { dir } = brokenCopy(path.join(FIXTURE_COURSE, "02.hai.quiz.yml"), (source) => source.replace("Nhận định duy nhất", "Nhận định về sức khoẻ"));
  const messages = path.join(dir, "messages.ts");
  writeFileSync(messages, 'export const vi = {\n  "a": "Khoá học",\n};\n');
  expect(checkToneMarks(dir, [messages])).toEqual([
    expect.stringMatching(/02\.hai\.quiz\.yml: line \d+: "khoẻ" is written "khỏe"/),
    expect.stringMatching(/messages\.ts: line 2: "Khoá" is written "Khóa"/),
  ]);
});
