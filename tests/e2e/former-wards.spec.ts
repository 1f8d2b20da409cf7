import type { Page } from "@playwright/test";

import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";

import { DEMO, expect, test } from "./fixtures";

/** Fills sign-up's other fields, sends the form, and answers the code of the ward the account was made in. */
async function finishSignUp(page: Page, fullName: string) {
  const phone = `097${String(Date.now()).slice(-7)}`;
  await page.getByLabel("Họ và tên").fill(fullName);
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-phuong-cu");
  await page.getByLabel("Nhóm người học").selectOption({ label: "Cha mẹ, người chăm sóc trẻ" });
  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText(`Xin chào, ${fullName}`)).toBeVisible();
  const user = await prisma.user.findUniqueOrThrow({ where: { phone: normalisePhone(phone)! }, select: { unit: { select: { code: true } } } });
  return user.unit.code;
}

test("someone who knows only their old ward types its name at sign-up and joins the ward that holds it now", async ({ page }) => {
  await page.goto("/dang-ky");
  await page.getByLabel("Tìm theo tên cũ (trước 1/7/2025)").fill("van phuc");
  await page.getByRole("button", { name: "Tìm phường mới" }).click();
  await expect(page.getByRole("search").getByRole("status")).toContainText("Vạn Phúc → nay thuộc phường Hà Đông");
  // The one successor is chosen for them.
  await expect(page.getByLabel("Phường", { exact: true }).locator("option:checked")).toHaveText("Hà Đông");
  expect(await finishSignUp(page, "Người Ở Vạn Phúc")).toBe("HN-HA-DONG");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a split ward's old name offers every successor, and the person picks theirs", async ({ page }) => {
    await page.goto("/dang-ky");
    await page.getByLabel("Tìm theo tên cũ (trước 1/7/2025)").fill("Mộ Lao");
    await page.getByRole("button", { name: "Tìm phường mới" }).click();
    const answer = page.getByRole("search").getByRole("status");
    await expect(answer.getByRole("listitem")).toHaveText(["Mộ Lao → nay thuộc phường Hà Đông", "Mộ Lao → nay thuộc phường Đại Mỗ"]);
    // Nothing is chosen for them: the resolution does not say which part is whose.
    await expect(page.getByLabel("Phường", { exact: true })).toHaveValue("");
    await page.getByLabel("Phường", { exact: true }).selectOption({ label: "Mộ Lao → nay thuộc phường Đại Mỗ" });
    expect(await finishSignUp(page, "Người Ở Mộ Lao")).toBe("HN-DAI-MO");
  });
});

test("a ward admin's picker leads an old ward's name to their ward", async ({ page, signInAs }) => {
  await signInAs(DEMO.vanPhucAdmin);
  await page.goto("/quan-tri/nguoi-dung/moi");
  const picker = page.getByLabel("Phường", { exact: true });
  await expect(picker.locator("option", { hasText: "Vạn Phúc → nay thuộc phường Hà Đông" })).toHaveCount(1);
  // Only the successors inside the admin's scope: Mộ Lao's part in Đại Mỗ is another ward's.
  await expect(picker.locator("option", { hasText: "Mộ Lao → nay thuộc phường Đại Mỗ" })).toHaveCount(0);
});

test("the date switch shows the units in force on the date, labels the others, and refuses a date outside the plan", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/bao-cao?ky=2021-2025");
  const wards = page.getByRole("table").locator("tbody").getByRole("link");
  await page.getByLabel("Đơn vị hành chính tại ngày").fill("2024-06-01");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(wards.filter({ hasText: /^Nguyễn Trãi$/ })).toHaveCount(1);
  // The old Dương Nội once; the new ward of that name, not yet created, never under the bare name.
  await expect(wards.filter({ hasText: /^Dương Nội$/ })).toHaveCount(1);
  const names = await wards.allTextContents();
  expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  for (const name of names) expect(name).not.toMatch(/^(Hà Đông|Đại Mỗ|Tây Mỗ|Thanh Liệt|Chương Mỹ)$/);
  // Nor as a unit to come: the new wards are not units of 2024, though they hold records.
  expect(names.filter((name) => name.includes("(mới"))).toEqual([]);

  // The not-reached list's ward filter offers only wards in force on the date.
  await page.getByRole("link", { name: "HTX, hộ gia đình được tập huấn T-COOP-HH" }).click();
  const filter = page.getByLabel("Phường", { exact: true });
  await expect(filter.locator("option", { hasText: /^Vạn Phúc$/ })).toHaveCount(1);
  await expect(filter.locator("option", { hasText: /^Hà Đông/ })).toHaveCount(0);

  const refused = await page.goto("/quan-tri/bao-cao?don-vi=2019-05-01");
  expect(refused?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("Ngày 1/5/2019 nằm ngoài các giai đoạn của kế hoạch. Chọn một ngày từ 1/1/2021 đến 31/12/2030.");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("alert")).toHaveText("1/5/2019 is outside the plan's periods. Choose a date from 1/1/2021 to 31/12/2030.");
});

test("a former ward's roster entries and report are labelled with the ward's validity", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/danh-sach?q=Hộ dệt lụa");
  await expect(page.getByText("Vạn Phúc (cũ, đến 30/6/2025)").first()).toBeVisible();
  await page.goto("/quan-tri/bao-cao/HD-VAN-PHUC");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Vạn Phúc (cũ, đến 30/6/2025)");
  await page.goto("/quan-tri/bao-cao/HD-VAN-PHUC?don-vi=2024-06-01");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/: Vạn Phúc$/);
});
