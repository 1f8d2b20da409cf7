import { DEMO, expect, openMenu, test } from "./fixtures";

// The header on a phone: the brand, the language switch and who is signed in stay in view; the
// links fold into a menu that opens without JavaScript.
test.describe("on a 320 px phone without JavaScript", () => {
  test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });

  test("the district admin's header is short and its menu opens to every link", async ({ page, signInAs }) => {
    await signInAs(DEMO.districtAdmin);
    await page.goto("/");
    const header = page.locator("header.site-header");
    expect((await header.boundingBox())!.height).toBeLessThan(140);
    await expect(page.getByText(/^Xin chào, /)).toBeVisible();
    await expect(page.getByRole("link", { name: "Nhật ký thay đổi" })).toBeHidden();

    await openMenu(page);
    const menu = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(menu.getByRole("link", { name: "Nhật ký thay đổi" })).toBeVisible();
    await menu.getByRole("link", { name: "Danh sách đối tượng" }).click();
    await expect(page).toHaveURL(/\/quan-tri\/danh-sach$/);
  });
});

test.describe("on a 1280 px screen", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the links sit in a row and there is no menu button", async ({ page, signInAs }) => {
    await signInAs(DEMO.householdLearner);
    await page.goto("/");
    await expect(page.getByText("Danh mục", { exact: true })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Khóa học của tôi" })).toBeVisible();
  });
});

test("with JavaScript, the menu closes when a link in it opens the next page", async ({ page, signInAs }) => {
  await signInAs(DEMO.householdLearner);
  await page.goto("/");
  await openMenu(page);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Khóa học của tôi" }).click();
  await expect(page).toHaveURL(/\/khoa-hoc$/);
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeHidden();
});
