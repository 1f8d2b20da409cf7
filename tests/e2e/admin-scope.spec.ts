import { DEMO, expect, expectHelpLines, findUserId, openMenu, test } from "./fixtures";

test("a ward admin sees their ward's learners, and another ward's learner is not found", async ({ page, signInAs }) => {
  await signInAs(DEMO.vanPhucAdmin);
  // Another ward's learner is not found, even by name.
  await page.goto("/quan-tri/nguoi-dung?q=hoang minh duc");
  await expect(page.getByRole("link", { name: "Hoàng Minh Đức" })).toHaveCount(0);

  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("pham thi lan");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByRole("link", { name: "Phạm Thị Lan" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nguyễn Văn An" })).toHaveCount(0);

  const otherWardLearner = await findUserId(DEMO.phuLaBusiness);
  const response = await page.goto(`/quan-tri/nguoi-dung/${otherWardLearner}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  await expectHelpLines(page);
});

test("a learner gets 403 on admin pages", async ({ page, signInAs }) => {
  await signInAs(DEMO.householdLearner);
  for (const path of ["/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung/moi"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Tài khoản này không có quyền xem trang này" })).toBeVisible();
  }
});

test("a signed-out visitor is sent to sign in and comes back to the admin page", async ({ page }) => {
  await page.goto("/quan-tri/nguoi-dung");
  await expect(page).toHaveURL(/\/dang-nhap\?redirectTo=%2Fquan-tri%2Fnguoi-dung/);
  await page.getByLabel("Số điện thoại hoặc email").fill(DEMO.vanPhucAdmin);
  await page.getByLabel("Mật khẩu").fill("hoc-de-bao-ve-tre");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/nguoi-dung$/);
});

test("a ward admin creates an account and the person sets a password with the one-time code", async ({ page, signInAs, browser }) => {
  await signInAs(DEMO.vanPhucAdmin);
  const phone = `097${String(Date.now()).slice(-7)}`;
  await page.goto("/quan-tri/nguoi-dung/moi");
  await page.getByLabel("Họ và tên").fill("Chu Văn Tâm");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Nhóm người học").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("heading", { name: "Đã tạo tài khoản" })).toBeVisible();
  const code = (await page.locator(".setup-card__code").textContent()) ?? "";
  expect(code).toMatch(/^[A-Z2-9]{8}$/);

  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/thiet-lap");
  await newcomer.getByLabel("Số điện thoại").fill(phone);
  await newcomer.getByLabel("Mã thiết lập").fill(code);
  await newcomer.getByLabel("Mật khẩu mới").fill("mat-khau-cua-tam");
  await newcomer.getByRole("button", { name: "Lưu mật khẩu và đăng nhập" }).click();
  await expect(newcomer.getByText("Xin chào, Chu Văn Tâm")).toBeVisible();

  // The code works once only.
  await openMenu(newcomer);
  await newcomer.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(newcomer.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();
  await newcomer.goto("/thiet-lap");
  await newcomer.getByLabel("Số điện thoại").fill(phone);
  await newcomer.getByLabel("Mã thiết lập").fill(code);
  await newcomer.getByLabel("Mật khẩu mới").fill("mat-khau-khac-han");
  await newcomer.getByRole("button", { name: "Lưu mật khẩu và đăng nhập" }).click();
  await expect(newcomer.getByRole("alert")).toContainText("mã đã hết hạn hay đã được dùng");
});

test("a district admin makes a learner a ward admin of another ward", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/nguoi-dung?q=nguyen van an");
  await page.getByRole("link", { name: "Nguyễn Văn An" }).click();
  await page.getByLabel("Vai trò").selectOption({ label: "Quản trị viên thành phố" });
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.locator("#field-unitId-error")).toContainText("Đơn vị không phù hợp với vai trò");

  await page.getByLabel("Vai trò").selectOption({ label: "Quản trị viên phường" });
  await page.getByLabel("Đơn vị").selectOption({ label: "Dương Nội" });
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu thay đổi.");
  await expect(page.locator(".facts")).toContainText("Quản trị viên phường");
  await expect(page.locator(".facts")).toContainText("Dương Nội");
});

test("a ward admin's forged role change gets 403; a district admin's for an unknown id, 404", async ({ page, signInAs, baseURL }) => {
  const learner = await findUserId(DEMO.householdLearner);
  const changeRole = (userId: string) =>
    page.request.post(`/quan-tri/nguoi-dung/${userId}`, {
      headers: { Origin: baseURL! },
      form: { intent: "change-role", role: "ward_admin", unitId: "any" },
      maxRedirects: 0,
    });

  await signInAs(DEMO.vanPhucAdmin);
  expect((await changeRole(learner)).status()).toBe(403);

  await signInAs(DEMO.districtAdmin);
  expect((await changeRole("no-such-user")).status()).toBe(404);
});

test("the audit log shows a district admin who changed what, and is closed to ward admins", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/nguoi-dung/moi");
  await page.getByLabel("Họ và tên").fill("Người Được Ghi Nhật Ký");
  await page.getByLabel("Số điện thoại").fill(`096${String(Date.now()).slice(-7)}`);
  await page.getByLabel("Phường").selectOption({ label: "Yên Nghĩa" });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Cha mẹ, người chăm sóc trẻ" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("heading", { name: "Đã tạo tài khoản" })).toBeVisible();

  // Each entry reads as a sentence, at Hà Nội's time, with its details as labelled fields.
  await page.goto("/quan-tri/nhat-ky");
  const entry = page.getByRole("listitem").filter({ hasText: /^Trần Thị Quản Trị tạo tài khoản cho Người Được Ghi Nhật Ký, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/ });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole("term")).toHaveText(["Đơn vị", "Nhóm đối tượng"]);
  await expect(entry.getByRole("definition")).toHaveText(["Yên Nghĩa", "Cha mẹ, người chăm sóc trẻ"]);
  const hanoiNow = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  await expect(entry).toContainText(`, ${hanoiNow} `);
  await expect(page.locator("main")).not.toContainText("{");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /^Trần Thị Quản Trị created an account for Người Được Ghi Nhật Ký, / })).toHaveCount(1);
  await page.getByRole("button", { name: "Tiếng Việt" }).click();

  await signInAs(DEMO.vanPhucAdmin);
  const response = await page.goto("/quan-tri/nhat-ky");
  expect(response?.status()).toBe(403);
});
