import { readFile } from "node:fs/promises";

import { DEMO, expect, test } from "./fixtures";

// Issue 18, "finding the way": from the ward report to the people behind a figure, and files
// that say which part of a list they hold.
test("the ward report links to each indicator's not-reached list of the ward, and its file names the ward", async ({ page, signInAs }) => {
  await signInAs(DEMO.vanPhucAdmin);
  await page.goto("/quan-tri/bao-cao/HN-HA-DONG");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV (T-COOP-HH)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^chua-dat-T-COOP-HH-[\w-]+-ha-dong\.csv$/);

  await page.getByRole("link", { name: "Danh sách chưa đạt của chỉ tiêu T-COOP-HH" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/bao-cao\/chi-tieu\/T-COOP-HH\?.*phuong=HN-HA-DONG/);
});

test("a searched roster export says what it was searched for, in its name and at its top", async ({ page, signInAs }) => {
  await signInAs(DEMO.vanPhucAdmin);
  await page.goto("/quan-tri/danh-sach?q=Phạm Thị");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("danh-sach-doi-tuong-pham-thi.csv");
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("lọc theo «Phạm Thị»");
});
