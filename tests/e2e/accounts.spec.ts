import { DEMO, DEMO_PASSWORD, expect, expectHelpLines, openMenu, test } from "./fixtures";

test("a new learner signs up, signs out, and signs in again with phone and with email", async ({ page }) => {
  const suffix = String(Date.now()).slice(-7);
  const phone = `098${suffix}`;
  const email = `hoc.vien.${suffix}@example.vn`;

  await page.goto("/dang-ky");
  await expectHelpLines(page);
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Thu Trang");
  await page.getByLabel("Số điện thoại").fill(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
  await page.getByLabel("Email (không bắt buộc)").fill(email);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-trang");
  await page.getByLabel("Phường").selectOption({ label: "Hà Đông" });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Cha mẹ, người chăm sóc trẻ" });
  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();

  await expect(page.getByText("Xin chào, Nguyễn Thị Thu Trang")).toBeVisible();
  await openMenu(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();

  // The phone typed in international form is the same account.
  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(`+84 ${phone.slice(1)}`);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-trang");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Xin chào, Nguyễn Thị Thu Trang")).toBeVisible();
  await openMenu(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();

  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(email.toUpperCase());
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-trang");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Xin chào, Nguyễn Thị Thu Trang")).toBeVisible();
});

test("sign-up with a taken phone, a malformed phone and a short password explains each field", async ({ page }) => {
  await page.goto("/dang-ky");
  await page.getByLabel("Họ và tên").fill("Người Trùng Số");
  await page.getByLabel("Số điện thoại").fill(DEMO.householdLearner);
  await page.getByLabel("Mật khẩu").fill("mat-khau-dai-du");
  await page.getByLabel("Phường").selectOption({ label: "Hà Đông" });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  // Said so that the phone's real owner knows the way back: the ward (README, Phone confirmation).
  await expect(page.locator("#field-phone-error")).toContainText("Số điện thoại này đã có tài khoản. Nếu đây là số của anh/chị");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Người Trùng Số");

  await page.getByLabel("Số điện thoại").fill("0912 34");
  await page.getByLabel("Mật khẩu").fill("ngan");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.locator("#field-phone-error")).toContainText("Số điện thoại không hợp lệ.");
  await expect(page.locator("#field-password-error")).toHaveText("Mật khẩu phải có ít nhất 8 ký tự.");
});

test("a wrong password gets one message that does not say whether the account exists", async ({ page }) => {
  for (const identifier of [DEMO.householdLearner, "0987 000 111"]) {
    await page.goto("/dang-nhap");
    await page.getByLabel("Số điện thoại hoặc email").fill(identifier);
    await page.getByLabel("Mật khẩu").fill("khong-dung-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert")).toHaveText("Số điện thoại, email hoặc mật khẩu không đúng.");
  }
});

test("the demo district administrator signs in with the demo password", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByLabel("Số điện thoại hoặc email").fill(DEMO.districtAdmin);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("link", { name: "Quản trị" }).first()).toBeVisible();
});
