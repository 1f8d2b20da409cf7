import path from "node:path";

import { describe, expect, test } from "vitest";

import { brokenCopy, FIXTURE_COURSE, loadFixtureCourse } from "#tests/fixtures/content";

import { CONTENT_DIR, loadCatalogue } from "./catalogue.server";

test("the fixture course loads with its modules in order, compiled, with versions", async () => {
  const course = await loadFixtureCourse();
  expect(course.slug).toBe("thu-nghiem");
  expect(course.modules.map((module) => module.slug)).toEqual(["mot", "hai"]);
  expect(course.modules[0]?.code).toContain("LawQuote");
  expect(course.modules[0]?.quiz.passMark).toBe(80);
  expect(course.modules[1]?.quiz.passMark).toBe(100);
  expect(course.version).toMatch(/^[0-9a-f]{16}$/);
  expect(course.courseVersion).toBe("2.0");
  expect(course.changelog.map((entry) => [entry.version, entry.date, entry.changes.length])).toEqual([
    ["2.0", "2026-12-02", 2],
    ["1.0", "2026-11-28", 1],
  ]);
});

test("changing a quiz changes the module's and the course's version", async () => {
  const before = await loadFixtureCourse();
  const { dir } = brokenCopy(path.join(FIXTURE_COURSE, "02.hai.quiz.yml"), (source) => source.replace("duy nhất", "duy nhất thật"));
  const { catalogue } = await loadCatalogue(dir);
  const after = catalogue.courses[0];
  expect(after?.modules[1]?.version).not.toBe(before.modules[1]?.version);
  expect(after?.modules[0]?.version).toBe(before.modules[0]?.version);
  expect(after?.version).not.toBe(before.version);
});

describe("the content check names the file and the problem", () => {
  const cases: { name: string; file: string; change: (source: string) => string; problem: RegExp }[] = [
    {
      name: "an unknown component",
      file: "01.mot.mdx",
      change: (source) => source.replace("<Hotline />", "<Hotlne />"),
      problem: /01\.mot\.mdx: line \d+: unknown component <Hotlne>/,
    },
    {
      name: "a component attribute outside its allowed values",
      file: "01.mot.mdx",
      change: (source) => source.replace('kind="info"', 'kind="danger"'),
      problem: /01\.mot\.mdx: line \d+: <Callout kind="danger"> must be one of info, warning, tip/,
    },
    {
      name: "a law quote without its article",
      file: "01.mot.mdx",
      change: (source) => source.replace(' source="Khoản 1 Điều 145 Bộ luật Lao động 2019"', ""),
      problem: /01\.mot\.mdx: line \d+: <LawQuote> needs the attribute "source"/,
    },
    {
      name: "a figure whose file does not exist",
      file: "01.mot.mdx",
      change: (source) => source.replace("media/hinh.svg", "media/khong-co.svg"),
      problem: /01\.mot\.mdx: line \d+: <Figure src="media\/khong-co.svg"> must name an existing/,
    },
    {
      name: "a single-choice question with no correct option",
      file: "01.mot.quiz.yml",
      change: (source) => source.replace("{ id: b, text: Đúng, correct: true }", "{ id: b, text: Đúng }"),
      problem: /01\.mot\.quiz\.yml: questions\.0\.options: question "mot-lua-chon": a single-choice question needs exactly one correct option \(found 0\)/,
    },
    {
      name: "a multiple-choice question with every option correct",
      file: "01.mot.quiz.yml",
      change: (source) => source.replace("{ id: c, text: Sai }", "{ id: c, text: Sai, correct: true }"),
      problem: /01\.mot\.quiz\.yml: .*at least one wrong one/,
    },
    {
      name: "a question without an explanation",
      file: "02.hai.quiz.yml",
      change: (source) => source.replace("    explanation: Vì đó là nhận định đúng.\n", ""),
      problem: /02\.hai\.quiz\.yml: questions\.0\.explanation: Required/,
    },
    {
      name: "a pass mark above 100",
      file: "02.hai.quiz.yml",
      change: (source) => source.replace("passMark: 100", "passMark: 120"),
      problem: /02\.hai\.quiz\.yml: passMark: Number must be less than or equal to 100/,
    },
    {
      name: "a quiz without perAttempt",
      file: "02.hai.quiz.yml",
      change: (source) => source.replace("perAttempt: 5\n", ""),
      problem: /02\.hai\.quiz\.yml: perAttempt: Required/,
    },
    {
      name: "an attempt of fewer than five questions",
      file: "02.hai.quiz.yml",
      change: (source) => source.replace("perAttempt: 5", "perAttempt: 4"),
      problem: /02\.hai\.quiz\.yml: perAttempt: an attempt draws at least 5 questions \(found 4\)/,
    },
    {
      name: "a pool smaller than twice the attempt",
      file: "02.hai.quiz.yml",
      change: (source) => source.replace("perAttempt: 5", "perAttempt: 6"),
      problem: /02\.hai\.quiz\.yml: questions: the pool needs at least 12 questions, twice perAttempt \(found 10\)/,
    },
    {
      name: "a course without its version",
      file: "course.mdx",
      change: (source) => source.replace('version: "2.0"\n', ""),
      problem: /course\.mdx: frontmatter version: Required/,
    },
    {
      name: "a course version that is not MAJOR.MINOR",
      file: "course.mdx",
      change: (source) => source.replace('version: "2.0"', 'version: "2"'),
      problem: /course\.mdx: frontmatter version: a version is "MAJOR\.MINOR"/,
    },
    {
      name: "a changelog whose newest entry is not the course's version",
      file: "course.mdx",
      change: (source) => source.replace('version: "2.0"', 'version: "2.1"'),
      problem: /changelog\.yml: the newest entry is version 2\.0, but course\.mdx says 2\.1/,
    },
    {
      name: "a changelog line without its English",
      file: "changelog.yml",
      change: (source) => source.replace("    - Module two has new statements.\n", ""),
      problem: /changelog\.yml: 0\.changesEn: changes and changesEn need the same number of lines/,
    },
    {
      name: "a changelog date that is not in the calendar",
      file: "changelog.yml",
      change: (source) => source.replace("2026-11-28", "2026-02-30"),
      problem: /changelog\.yml: 1\.date: not a date of the calendar/,
    },
    {
      name: "a changelog not newest first",
      file: "changelog.yml",
      change: (source) => source.replace('"1.0"', '"2.1"'),
      problem: /changelog\.yml: 1: newest first: 2\.1 \(2026-11-28\) comes after 2\.0/,
    },
    {
      name: "a course without a changelog",
      file: "changelog.yml",
      change: () => "",
      problem: /changelog\.yml: \(file\): Expected array, received null/,
    },
    {
      name: "an audience that is not a target group",
      file: "course.mdx",
      change: (source) => source.replace("audiences: [HH]", "audiences: [HH, XYZ]"),
      problem: /course\.mdx: audience "XYZ" is not a target group of programme\.yml/,
    },
    {
      name: "an indicator that the programme does not define",
      file: "course.mdx",
      change: (source) => source.replace("indicators: [T-COOP-HH]", "indicators: [T-NONE]"),
      problem: /course\.mdx: indicator "T-NONE" is not defined in programme\.yml/,
    },
    {
      name: "a link to a module that does not exist",
      file: "02.hai.mdx",
      change: (source) => source.replace("/khoa-hoc/thu-nghiem/mot", "/khoa-hoc/thu-nghiem/ba"),
      problem: /02\.hai\.mdx: line \d+: link to \/khoa-hoc\/thu-nghiem\/ba leads nowhere/,
    },
    {
      name: "a module frontmatter without its minutes",
      file: "02.hai.mdx",
      change: (source) => source.replace("minutes: 5\n", ""),
      problem: /02\.hai\.mdx: frontmatter minutes: Required/,
    },
    {
      name: "a JavaScript expression in the text",
      file: "02.hai.mdx",
      change: (source) => `${source}\nTổng là {1 + 1}.\n`,
      problem: /02\.hai\.mdx: line \d+: "\{…\}" expressions are not allowed/,
    },
  ];

  for (const { name, file, change, problem } of cases) {
    test(name, async () => {
      const { dir } = brokenCopy(path.join(FIXTURE_COURSE, file), change);
      const { problems } = await loadCatalogue(dir);
      expect(problems.join("\n")).toMatch(problem);
    });
  }
});

test("every committed course passes the content check", async () => {
  const { catalogue, problems } = await loadCatalogue(CONTENT_DIR);
  expect(problems).toEqual([]);
  expect(catalogue.courses.length).toBeGreaterThanOrEqual(5);
});
