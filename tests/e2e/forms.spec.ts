import type { Page } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";

import { expectAccessible } from "./axe";
import { answerQuiz, createLearner, DEMO, expect, test } from "./fixtures";

async function householdModule() {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.audiences.includes("HH"));
  const module = course?.modules[0];
  if (!course || !module) throw new Error("no course for households in content/");
  return { course, module };
}

/** The error summary at the top of the form: one alert with a link per problem. */
function errorSummary(page: Page) {
  return page.locator("[data-error-summary]");
}

async function expectFocusedAndInView(page: Page, selector: string) {
  await expect(page.locator(selector)).toBeFocused();
  await expect(page.locator(selector)).toBeInViewport();
}

test.describe("with JavaScript", () => {
  test("a refused sign-up moves focus to a summary whose links lead to each field", async ({ page }) => {
    await page.goto("/dang-ky");
    await page.getByLabel("Họ và tên").fill("A");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expectFocusedAndInView(page, "[data-error-summary]");
    const summary = errorSummary(page);
    await expect(summary).toContainText("mục cần sửa");
    await expect(summary.getByRole("link", { name: "Họ và tên: Vui lòng nhập đầy đủ họ và tên." })).toBeVisible();
    await summary.getByRole("link", { name: /^Số điện thoại:/ }).click();
    await expect(page.getByLabel("Số điện thoại")).toBeFocused();
    // The summary and the fields marked invalid are as accessible as the form was.
    await expectAccessible(page);
  });

  test("a quiz sent with unanswered questions brings the summary into view; a graded one brings the result", async ({ page, signInAs }) => {
    test.setTimeout(90_000);
    const { course, module } = await householdModule();
    await signInAs(await createLearner("Đỗ Thị Tóm"));
    await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await expect(page.getByRole("button", { name: "Nộp bài" })).toBeVisible();
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expectFocusedAndInView(page, "[data-error-summary]");
    await expect(errorSummary(page).getByRole("link", { name: "Câu 1. Chưa trả lời." })).toBeVisible();
    await errorSummary(page).getByRole("link", { name: "Câu 2. Chưa trả lời." }).click();
    await expect(page.locator("fieldset.question").nth(1).locator("input").first()).toBeFocused();

    await answerQuiz(page, module, "right");
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await expectFocusedAndInView(page, "[data-form-result]");
    await expect(page.locator("[data-form-result]")).toContainText("Đạt");
  });

  test("a ward admin adding a person without a name is taken to the summary of that form", async ({ page, signInAs }) => {
    await signInAs(DEMO.vanPhucAdmin);
    await page.goto("/quan-tri/buoi-hoc");
    await page.locator("a[href^='/quan-tri/buoi-hoc/']:not([href$='/moi']):not([href*='xuat'])").first().click();
    await page.getByRole("button", { name: "Thêm vào danh sách và điểm danh" }).click();
    await expectFocusedAndInView(page, "[data-error-summary]");
    await errorSummary(page)
      .getByRole("link", { name: /^Họ và tên hoặc tên tổ chức:/ })
      .click();
    await expect(page.getByLabel("Họ và tên hoặc tên tổ chức")).toBeFocused();
  });

  test("a business profile with a bad tax code is summarised at the top of the form", async ({ page, signInAs }) => {
    await signInAs(await createLearner("Chủ Xưởng Mộc", "BIZ"));
    await page.goto("/co-so");
    await page.getByLabel("Mã số thuế").fill("12");
    await page.getByRole("button", { name: /Lưu/ }).first().click();
    await expectFocusedAndInView(page, "[data-error-summary]");
    await expect(errorSummary(page).getByRole("link", { name: /^Mã số thuế/ })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a refused sign-up comes back with the summary at the top, each problem a link to its field", async ({ page }) => {
    await page.goto("/dang-ky");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    const summary = errorSummary(page);
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole("link", { name: /^Họ và tên:/ })).toHaveAttribute("href", "#field-fullName");
    await expect(summary.getByRole("link", { name: /^Phường:/ })).toHaveAttribute("href", "#field-unitId");
    await expect(page.locator("#field-fullName")).toHaveAttribute("aria-invalid", "true");
  });

  test("a quiz sent half done lists the unanswered questions as links to them", async ({ page, signInAs }) => {
    test.setTimeout(90_000);
    const { course, module } = await householdModule();
    await signInAs(await createLearner("Đỗ Văn Khuyết"));
    await page.goto(`/khoa-hoc/${course.slug}/${module.slug}`);
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await page.locator("fieldset.question").first().locator("input").first().check();
    await page.getByRole("button", { name: "Nộp bài" }).click();
    const summary = errorSummary(page);
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Câu 1. Chưa trả lời." })).toHaveCount(0);
    await expect(summary.getByRole("link", { name: "Câu 2. Chưa trả lời." })).toHaveAttribute("href", "#field-question-2");
    await expect(page.locator("#field-question-2")).toHaveCount(1);
  });
});
