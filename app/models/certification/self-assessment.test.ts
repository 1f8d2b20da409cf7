import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { applicableQuestions, evaluateSelfAssessment, SELF_ASSESSMENT, type AgeCounts, type AssessmentAnswers } from "./self-assessment";

const EVERY_BAND: AgeCounts = { under13: 1, from13to15: 2, from15to18: 3 };
const NO_MINORS: AgeCounts = { under13: 0, from13to15: 0, from15to18: 0 };

/** Every applicable question answered the way that reveals no breach. */
function compliantAnswers(counts: AgeCounts): AssessmentAnswers {
  return Object.fromEntries(applicableQuestions(counts).map((question) => [question.id, question.breach === "yes" ? "no" : "yes"]));
}

describe("which questions apply", () => {
  test("an organisation without workers under 18 answers only whether its counts are right and about apprentices", () => {
    expect(applicableQuestions(NO_MINORS).map((question) => question.id)).toEqual(["accurate-ages", "apprentice-ages"]);
  });

  test("workers aged 15 to under 18 bring the six-monthly health check, not the under-15 conditions, breaks or contract terms", () => {
    const ids = applicableQuestions({ under13: 0, from13to15: 0, from15to18: 1 }).map((question) => question.id);
    expect(ids).toContain("health-checks-minors");
    for (const id of ["conditions-under15", "rest-breaks-under15", "contract-terms-under15", "health-under15"]) expect(ids).not.toContain(id);
  });

  test("workers under 15 bring the conditions of Article 145, the rest breaks and the contract's terms", () => {
    for (const counts of [
      { under13: 1, from13to15: 0, from15to18: 0 },
      { under13: 0, from13to15: 1, from15to18: 0 },
    ]) {
      expect(applicableQuestions(counts).map((question) => question.id)).toEqual(
        expect.arrayContaining(["conditions-under15", "rest-breaks-under15", "contract-terms-under15", "health-under15", "health-checks-minors"]),
      );
    }
  });

  test("workers aged 15 to under 18 bring the hours, night and prohibited work questions, not the under-15 ones", () => {
    const ids = applicableQuestions({ under13: 0, from13to15: 0, from15to18: 2 }).map((question) => question.id);
    expect(ids).toEqual(expect.arrayContaining(["hours-15-18", "overtime-night-15-18", "prohibited-work-15-18", "prohibited-place-15-18", "register", "parent-consent"]));
    expect(ids).not.toContain("hours-under15");
    expect(ids).not.toContain("written-contract-under15");
    expect(ids).not.toContain("under13-approval");
  });

  test("workers aged 13 to under 15 bring the light-work list, contracts, hours, night work and health checks", () => {
    const ids = applicableQuestions({ under13: 0, from13to15: 1, from15to18: 0 }).map((question) => question.id);
    expect(ids).toEqual(
      expect.arrayContaining(["light-work-13-15", "workplace-13-15", "written-contract-under15", "hours-under15", "night-under15", "health-under15", "register"]),
    );
    expect(ids).not.toContain("under13-work");
    expect(ids).not.toContain("hours-15-18");
  });

  test("a worker under 13 brings the art-or-sport rule and the provincial authority's consent", () => {
    const ids = applicableQuestions({ under13: 1, from13to15: 0, from15to18: 0 }).map((question) => question.id);
    expect(ids).toEqual(expect.arrayContaining(["under13-work", "under13-approval", "written-contract-under15", "hours-under15"]));
    expect(ids).not.toContain("light-work-13-15");
  });
});

describe("evaluating answers", () => {
  test("all compliant answers pass and keep only the applicable questions", () => {
    const given = { ...compliantAnswers(EVERY_BAND), "not-a-question": "yes" };
    const result = evaluateSelfAssessment(EVERY_BAND, given);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.answers).sort()).toEqual(SELF_ASSESSMENT.map((question) => question.id).sort());
  });

  test("an unanswered or garbled answer is listed as missing", () => {
    const given: Record<string, unknown> = { ...compliantAnswers(EVERY_BAND), "hours-under15": "maybe" };
    delete given["register"];
    const result = evaluateSelfAssessment(EVERY_BAND, given);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.sort()).toEqual(["hours-under15", "register"]);
    expect(result.breaches).toEqual([]);
  });

  // Each rule of the law blocks submission on its own, citing its article.
  const expectedArticles: Record<string, RegExp> = {
    "accurate-ages": /^Điều 143 Bộ luật Lao động 2019$/,
    "apprentice-ages": /^Khoản 4 Điều 61 Bộ luật Lao động 2019$/,
    "conditions-under15": /^Điều 145 Bộ luật Lao động 2019$/,
    "rest-breaks-under15": /^Điều 3 Thông tư 09\/2020\/TT-BLĐTBXH; khoản 2 Điều 109 Bộ luật Lao động 2019$/,
    "contract-terms-under15": /^Điều 4 Thông tư 09\/2020\/TT-BLĐTBXH$/,
    "health-checks-minors": /^Khoản 1 Điều 21 Luật An toàn, vệ sinh lao động 2015$/,
    "parent-consent": /khoản 3 Điều 144/i,
    "written-contract-under15": /^Điều 145 .*khoản 4 Điều 18/,
    "signer-record-under15": /^Điều 4 Thông tư 09\/2020\/TT-BLĐTBXH$/,
    "under13-work": /^Khoản 3 Điều 145 Bộ luật Lao động 2019$/,
    "under13-approval": /^Khoản 3 Điều 145 Bộ luật Lao động 2019$/,
    "light-work-13-15": /Điều 143 .*Phụ lục II Thông tư 09\/2020/,
    "workplace-13-15": /Điều 3 Thông tư 09\/2020.*khoản 2 Điều 147/,
    "school-hours-under15": /^Điều 145 Bộ luật Lao động 2019$/,
    "hours-under15": /^Điều 146 Bộ luật Lao động 2019$/,
    "night-under15": /^Điều 146 và Điều 106 Bộ luật Lao động 2019$/,
    "health-under15": /^Điều 145 Bộ luật Lao động 2019$/,
    "hours-15-18": /^Điều 146 Bộ luật Lao động 2019$/,
    "overtime-night-15-18": /Điều 146 .*Phụ lục V Thông tư 09\/2020/,
    "prohibited-work-15-18": /^Khoản 1 Điều 147 Bộ luật Lao động 2019$/,
    "prohibited-place-15-18": /^Khoản 2 Điều 147 Bộ luật Lao động 2019$/,
    register: /Khoản 3 Điều 144 .*Điều 12 Thông tư 09\/2020/,
  };

  test("every question has an expected citation here", () => {
    expect(Object.keys(expectedArticles).sort()).toEqual(SELF_ASSESSMENT.map((question) => question.id).sort());
  });

  for (const question of SELF_ASSESSMENT) {
    test(`a breach of "${question.id}" blocks submission and cites ${question.article.vi}`, () => {
      const given = { ...compliantAnswers(EVERY_BAND), [question.id]: question.breach };
      const result = evaluateSelfAssessment(EVERY_BAND, given);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.missing).toEqual([]);
      expect(result.breaches).toHaveLength(1);
      const [breach] = result.breaches;
      expect(breach?.question).toBe(question.id);
      expect(breach?.article.vi).toMatch(expectedArticles[question.id]!);
      expect(breach?.fix.vi.length).toBeGreaterThan(40);
      expect(breach?.fix.en.length).toBeGreaterThan(40);
    });
  }

  test("a breach in a question that does not apply is ignored", () => {
    const given = { ...compliantAnswers(NO_MINORS), "night-under15": "yes" };
    expect(evaluateSelfAssessment(NO_MINORS, given).ok).toBe(true);
  });

  test("several breaches are all reported, in the order of the questions", () => {
    const given = { ...compliantAnswers(EVERY_BAND), "prohibited-work-15-18": "yes", "hours-under15": "no" };
    const result = evaluateSelfAssessment(EVERY_BAND, given);
    expect(result.ok ? [] : result.breaches.map((breach) => breach.question)).toEqual(["hours-under15", "prohibited-work-15-18"]);
  });
});

// The facts sheet sits beside the repository on the team's machines, not in a clean clone.
const FACTS_SHEET = path.join(process.cwd(), "..", "shared", "domain", "child-labour-facts.md");

test.skipIf(!existsSync(FACTS_SHEET))("every number in the questions appears in the verified facts sheet", () => {
  const facts = readFileSync(FACTS_SHEET, "utf8");
  for (const question of SELF_ASSESSMENT) {
    for (const text of [question.prompt.vi, question.fix.vi]) {
      for (const number of text.match(/\d+/g) ?? []) expect(facts, `${question.id}: ${number}`).toContain(number);
    }
  }
});
