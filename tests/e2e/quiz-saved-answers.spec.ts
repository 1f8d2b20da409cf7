import type { Locator, Page } from "@playwright/test";

import { getCatalogue, type CatalogueModule } from "#app/content/catalogue.server";
import { optionsOf } from "#app/models/grade.server";

import { expectAccessible } from "./axe";
import { createLearner, expect, test } from "./fixtures";

async function firstModule() {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("HH"))!;
  return { course, module: course.modules[0]! };
}

/** Chooses a wrong option of the quiz's first question shown; returns its label. */
async function answerFirstQuestion(page: Page, module: CatalogueModule) {
  const fieldset = page.locator("fieldset.question").first();
  const legend = (await fieldset.locator("legend").textContent()) ?? "";
  const question = module.quiz.questions.find((candidate) => legend.endsWith(candidate.prompt))!;
  const label = optionsOf(question).find((option) => !option.correct)!.text;
  await fieldset.getByLabel(label, { exact: true }).check();
  return { fieldset, label };
}

async function reopenQuiz(page: Page, lesson: string) {
  await page.goto(lesson);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("button", { name: "Nộp bài" })).toBeVisible();
}

async function expectStillChosen(fieldset: Locator, label: string) {
  await expect(fieldset.getByLabel(label, { exact: true })).toBeChecked();
  // Nothing tells whether the saved answer is right before the quiz is submitted: no answer tags,
  // no review. (Options may themselves begin "Chưa đúng…", so the words alone prove nothing.)
  await expect(fieldset.locator(".tag")).toHaveCount(0);
  await expect(fieldset.page().locator(".review, .result")).toHaveCount(0);
}

test.describe("with JavaScript", () => {
  test("answers are saved as the learner goes and are still chosen after a reload and after leaving the quiz", async ({ page, signInAs }) => {
    const { course, module } = await firstModule();
    await signInAs(await createLearner("Người Học Dở Dang Có JS"));
    const lesson = `/khoa-hoc/${course.slug}/${module.slug}`;
    await reopenQuiz(page, lesson);
    const quizUrl = page.url();
    const { fieldset, label } = await answerFirstQuestion(page, module);
    await expect(page.getByText("Đã lưu các câu trả lời.")).toBeVisible();
    await expectAccessible(page);

    await page.reload();
    await expectStillChosen(fieldset, label);
    await reopenQuiz(page, lesson);
    expect(page.url()).toBe(quizUrl);
    await expectStillChosen(fieldset, label);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("'Lưu tạm' saves the answers, which are still chosen when the learner comes back to the quiz", async ({ page, signInAs }) => {
    const { course, module } = await firstModule();
    await signInAs(await createLearner("Người Học Dở Dang Không JS"));
    const lesson = `/khoa-hoc/${course.slug}/${module.slug}`;
    await reopenQuiz(page, lesson);
    const { fieldset, label } = await answerFirstQuestion(page, module);
    await page.getByRole("button", { name: "Lưu tạm" }).click();
    await expect(page.getByText("Đã lưu tạm các câu trả lời.")).toBeVisible();
    await expectStillChosen(fieldset, label);

    await reopenQuiz(page, lesson);
    await expectStillChosen(fieldset, label);
  });
});
