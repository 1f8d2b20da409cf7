import { DEMO, expect, test } from "./fixtures";

test("an admin finds a household on the roster by its phone written as people write it", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  for (const written of ["0901 000 003", "+84 901 000 003", "901000003"]) {
    await page.goto("/quan-tri/danh-sach");
    await page.getByRole("searchbox", { name: "Tìm theo tên hoặc số điện thoại" }).fill(written);
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect(page.getByText("1 người")).toBeVisible();
    await expect(page.getByText("Hộ bà Phạm Thị Lan", { exact: true })).toBeVisible();
  }
});
