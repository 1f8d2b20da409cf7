import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Browser, Locator, Page } from "@playwright/test";

import { getCatalogue, type CatalogueModule } from "#app/content/catalogue.server";
import { translate } from "#app/i18n/messages";
import { CERTIFICATION_COURSE_SLUG } from "#app/models/certification/terms.server";
import { SELF_ASSESSMENT } from "#app/models/certification/self-assessment";
import { formatDate } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import { answerQuiz, createWardAdmin, DEMO, expect, expectHelpLines, openMenu, sessionCookieFor, test } from "./fixtures";

// The ward admin whose ward the new business signs up in (seeded demo account).
const WARD_ADMIN = "0901000007";
const OTHER_WARD_ADMIN = DEMO.vanPhucAdmin;

async function wardOf(phone: string) {
  const e164 = normalisePhone(phone);
  if (!e164) throw new Error(`not a phone number: ${phone}`);
  const user = await prisma.user.findUniqueOrThrow({ where: { phone: e164 }, select: { unit: { select: { name: true } } } });
  return user.unit.name;
}

async function readAndPass(page: Page, module: CatalogueModule) {
  await page.goto(`/khoa-hoc/${CERTIFICATION_COURSE_SLUG}/${module.slug}`);
  await page.getByRole("button", { name: "Đã đọc xong" }).click();
  await expect(page.getByText("Đã đọc xong bài này.")).toBeVisible();
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await answerQuiz(page, module);
  await page.getByRole("button", { name: "Nộp bài" }).click();
  await expect(page.getByRole("status")).toContainText("Đạt");
}

/** The yes/no fieldset of one self-assessment question. */
function assessmentQuestion(page: Page, id: string): Locator {
  const question = SELF_ASSESSMENT.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return page.locator("fieldset.question").filter({ hasText: question.prompt.vi });
}

async function answerCompliantly(page: Page) {
  const fieldsets = page.locator("fieldset.question");
  const count = await fieldsets.count();
  expect(count).toBeGreaterThan(1);
  for (let index = 0; index < count; index++) {
    const legend = (await fieldsets.nth(index).locator("legend").textContent()) ?? "";
    const question = SELF_ASSESSMENT.find((candidate) => legend.endsWith(candidate.prompt.vi));
    if (!question) throw new Error(`question not found: ${legend}`);
    await fieldsets
      .nth(index)
      .getByLabel(question.breach === "yes" ? "Không" : "Có", { exact: true })
      .check();
  }
}

/** A browser context signed in as the user with this phone, for the people besides the owner. */
async function signedInPage(browser: Browser, phone: string, baseURL: string) {
  const context = await browser.newContext();
  await context.addCookies([await sessionCookieFor(phone, baseURL)]);
  return context.newPage();
}

test("a business signs up, completes the course, is certified, verified publicly, then revoked", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL ?? "";
  const course = (await getCatalogue()).courses.find((candidate) => candidate.slug === CERTIFICATION_COURSE_SLUG);
  if (!course) throw new Error("the business course is missing");
  const suffix = String(randomInt(100_000, 999_999));
  const organisationName = `Công ty TNHH Dệt Lụa Ước Mơ ${suffix}`;
  const ownerPhone = `097${String(randomInt(1_000_000, 9_999_999))}`;
  const ward = await wardOf(WARD_ADMIN);

  // 1. The owner signs up through the page.
  await page.goto("/dang-ky");
  await page.getByLabel("Họ và tên").fill("Đặng Thị Hồng Nhung");
  await page.getByLabel("Số điện thoại").fill(ownerPhone);
  await page.getByLabel("Mật khẩu").fill("mat-khau-cua-nhung");
  await page.getByLabel("Phường").selectOption({ label: ward });
  await page.getByLabel("Nhóm người học").selectOption({ label: "Doanh nghiệp (đặc biệt doanh nghiệp nhỏ và vừa)" });
  await page.getByRole("checkbox", { name: "Tôi đã đọc thông báo về quyền riêng tư", exact: false }).check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Xin chào, Đặng Thị Hồng Nhung")).toBeVisible();

  // 2. The organisation's profile: a malformed tax code is refused and explained, then corrected.
  await openMenu(page);
  await page.getByRole("link", { name: "Chứng nhận cơ sở" }).click();
  await expect(page.getByRole("heading", { name: "Cơ sở của tôi", level: 1 })).toBeVisible();
  await page.getByLabel("Loại hình").selectOption({ label: "Doanh nghiệp" });
  await page.getByLabel("Tên cơ sở").fill(organisationName);
  await page.getByLabel("Mã số thuế (nếu có)").fill("01012345");
  await page.getByLabel("Phường").selectOption({ label: ward });
  await page.getByLabel("Ngành nghề").fill("Dệt lụa");
  await page.getByLabel("Cơ sở ở làng nghề").check();
  await page.getByLabel("Tổng số người lao động").fill("20");
  await page.getByLabel("Số người từ đủ 15 đến chưa đủ 18 tuổi").fill("2");
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.locator("#field-taxCode-error")).toContainText("Mã số thuế phải gồm 10 chữ số");
  await expect(page.getByLabel("Tên cơ sở")).toHaveValue(organisationName);
  await page.getByLabel("Mã số thuế (nếu có)").fill(String(randomInt(1_000_000_000, 9_999_999_999)));
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu hồ sơ cơ sở.");

  // Without the course, the self-assessment is closed and says why.
  await page.goto("/co-so/danh-gia");
  await expect(page.getByRole("alert")).toContainText("cần hoàn thành khóa học dành cho doanh nghiệp");

  // 3. The owner completes the business course: every module read and its quiz passed.
  for (const module of course.modules) await readAndPass(page, module);
  await page.goto(`/khoa-hoc/${course.slug}`);
  await expect(page.getByText(`Hoàn thành ngày ${formatDate(new Date())}`)).toBeVisible();

  // 4. The self-assessment: a breach blocks, citing its article; corrected, it passes.
  await page.goto("/co-so");
  await page.getByRole("link", { name: "Làm bản tự đánh giá" }).click();
  await expect(page.getByRole("heading", { name: "Tự đánh giá", level: 1 })).toBeVisible();
  // Questions for workers under 15 do not apply: the profile has none.
  await expect(assessmentQuestion(page, "hours-under15")).toHaveCount(0);
  await answerCompliantly(page);
  await assessmentQuestion(page, "prohibited-work-15-18").getByLabel("Có", { exact: true }).check();
  await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
  await expect(page.getByRole("alert")).toContainText("Chưa gửi được: 1 câu trả lời");
  const breached = assessmentQuestion(page, "prohibited-work-15-18");
  await expect(breached.getByText("Cần thay đổi:")).toBeVisible();
  await expect(breached.locator(".breach")).toContainText("Khoản 1 Điều 147 Bộ luật Lao động 2019");
  await expect(page).toHaveURL(/\/co-so\/danh-gia$/);
  await breached.getByLabel("Không", { exact: true }).check();
  await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();

  // 5. The pledge: the confirmation is required, then the application is submitted.
  await expect(page.getByRole("heading", { name: "Cam kết", level: 1 })).toBeVisible();
  await expect(page.locator(".pledge")).toContainText(organisationName);
  await expect(page.getByLabel("Họ và tên người ký")).toHaveValue("Đặng Thị Hồng Nhung");
  await page.getByLabel("Chức vụ").fill("Giám đốc");
  await page.getByRole("button", { name: "Ký cam kết và gửi hồ sơ" }).click();
  await expect(page.locator(".field__error")).toHaveText("Hãy đánh dấu xác nhận cam kết.");
  // The box itself names its error, so a screen reader hears it on the box the summary links to.
  await expect(page.getByLabel("Tôi đã đọc và xác nhận cam kết trên.")).toHaveAccessibleDescription("Hãy đánh dấu xác nhận cam kết.");
  await page.getByLabel("Tôi đã đọc và xác nhận cam kết trên.").check();
  await page.getByRole("button", { name: "Ký cam kết và gửi hồ sơ" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi hồ sơ.");
  await expect(page.getByText("Đang chờ xem xét")).toBeVisible();

  // A reviewer of another ward cannot open it.
  const applicationId = (await prisma.certificationApplication.findFirstOrThrow({ where: { organisation: { name: organisationName } }, select: { id: true } })).id;
  const outsider = await signedInPage(browser, OTHER_WARD_ADMIN, base);
  const refused = await outsider.goto(`/quan-tri/chung-nhan/${applicationId}`);
  expect(refused?.status()).toBe(404);
  await outsider.context().close();

  // 6. The ward admin finds it in the queue and approves it.
  const reviewer = await signedInPage(browser, WARD_ADMIN, base);
  await reviewer.goto("/quan-tri/chung-nhan");
  await expect(reviewer.locator(".certification-counts")).toContainText(ward);
  await reviewer.getByRole("link", { name: organisationName }).click();
  await expect(reviewer.getByRole("heading", { name: organisationName, level: 1 })).toBeVisible();
  await expect(reviewer.getByText(`Đặng Thị Hồng Nhung hoàn thành ngày ${formatDate(new Date())}`)).toBeVisible();
  await expect(reviewer.getByText("Giám đốc", { exact: false }).first()).toBeVisible();
  await reviewer.getByRole("button", { name: "Duyệt và cấp giấy chứng nhận" }).click();
  await expect(reviewer.getByRole("status")).toContainText("Đã duyệt. Giấy chứng nhận mã");
  const code = /([0-9A-Z]{5}(?:-[0-9A-Z]{5}){4})/.exec((await reviewer.getByRole("status").textContent()) ?? "")?.[1];
  if (!code) throw new Error("no certificate code on the page");
  await reviewer.context().close();

  // 7. The owner sees the certificate and downloads its PDF, whose text has the name exactly.
  await page.goto("/co-so");
  await expect(page.getByText("Đã duyệt", { exact: true })).toBeVisible();
  await expect(page.locator(".certificate-card")).toContainText(code);
  await expect(page.locator(".certificate-card").getByText("Còn hiệu lực")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải giấy chứng nhận (PDF)" }).click()]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "plte-cert-")), "certificate.pdf");
  await download.saveAs(file);
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  expect(text.normalize("NFC")).toContain(organisationName);
  expect(text).toContain(code);
  expect(text).toContain(`/xac-minh/${code}`);
  expect(text.replace(/\s+/g, " ")).toContain(translate("vi", "cert.basis"));

  // 8. The public verification page, signed out: valid, with no personal data.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/xac-minh/${code.toLowerCase().replace(/-/g, "")}`);
  await expect(visitor).toHaveURL(new RegExp(`/xac-minh/${code}$`));
  const card = visitor.locator(".verification__card");
  await expect(card).toContainText(organisationName);
  await expect(card).toContainText(ward);
  await expect(card.getByText("Còn hiệu lực")).toBeVisible();
  // What the certificate rests on, never "the establishment employs no children" as a fact.
  await expect(card).toContainText(translate("vi", "cert.basis"));
  await expect(card).not.toContainText(/(?<!cam kết )không sử dụng lao động trẻ em/);
  const html = await visitor.content();
  expect(html).not.toContain(ownerPhone.slice(1));
  expect(html).not.toContain("Đặng Thị Hồng Nhung");
  await expectHelpLines(visitor);

  // A guessed code is "not found", never a list.
  const guessed = await visitor.goto(`/xac-minh/${code.slice(0, -1)}${code.endsWith("0") ? "1" : "0"}`);
  expect(guessed?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "Không tìm thấy giấy chứng nhận" })).toBeVisible();
  const malformed = await visitor.goto("/xac-minh?ma=abc");
  expect(malformed?.status()).toBe(404);

  // The registry lists it, searched without diacritics.
  await visitor.goto("/chung-nhan");
  await visitor.getByLabel("Tìm theo tên cơ sở").fill(foldForSearch(organisationName));
  await visitor.getByRole("button", { name: "Tìm" }).click();
  await expect(visitor.locator(".registry").getByText(organisationName)).toBeVisible();
  await expect(visitor.getByText(translate("vi", "registry.basis"))).toBeVisible();

  // 9. The district admin revokes it; the verification page and the registry follow at once.
  const districtAdmin = await signedInPage(browser, DEMO.districtAdmin, base);
  await districtAdmin.goto(`/quan-tri/chung-nhan?trang-thai=approved&q=${encodeURIComponent(foldForSearch(organisationName))}`);
  await districtAdmin.getByRole("link", { name: organisationName }).click();
  await districtAdmin.getByLabel("Lý do thu hồi").fill("Kiểm tra thực tế thấy người lao động 16 tuổi vận hành máy hàn.");
  await districtAdmin.getByRole("button", { name: "Thu hồi giấy chứng nhận này" }).click();
  await expect(districtAdmin.getByRole("status")).toHaveText("Đã thu hồi giấy chứng nhận.");
  await expect(districtAdmin.locator(".certificate-card").getByText("Đã thu hồi")).toBeVisible();
  await districtAdmin.context().close();

  await visitor.goto(`/xac-minh/${code}`);
  await expect(card.getByText("Đã thu hồi")).toBeVisible();
  await expect(card).toContainText(`Thu hồi ngày ${formatDate(new Date())}`);
  await expect(card).not.toContainText("máy hàn");
  await visitor.goto(`/chung-nhan?q=${encodeURIComponent(foldForSearch(organisationName))}`);
  await expect(visitor.getByText("Không có cơ sở nào phù hợp.")).toBeVisible();
  await visitor.context().close();

  // The owner reads the reason on their own page.
  await page.goto("/co-so");
  await expect(page.locator(".certificate-card")).toContainText("máy hàn");
});

test("the verification form sends a typed code to its page and finds nothing for a made-up one", async ({ page }) => {
  await page.goto("/xac-minh");
  await page.getByLabel("Mã chứng nhận").fill("7KQ2M-X3ABD-9RTVW-0HNPZ-4C8EF");
  await page.getByRole("button", { name: "Xác minh" }).click();
  await expect(page.getByRole("heading", { name: "Không tìm thấy giấy chứng nhận" })).toBeVisible();
  await expect(page.getByLabel("Mã chứng nhận")).toBeVisible();
});

/** An account of the demo ward admin's ward that has completed the business course, made directly. */
async function learnerWithCourse(fullName: string) {
  const admin = await prisma.user.findUniqueOrThrow({ where: { phone: normalisePhone(WARD_ADMIN) ?? "" }, select: { unitId: true } });
  const phone = `096${String(randomInt(1_000_000, 9_999_999))}`;
  const user = await prisma.user.create({
    data: { fullName, searchName: foldForSearch(fullName), phone: normalisePhone(phone) ?? "", unitId: admin.unitId, targetGroup: "BIZ" },
    select: { id: true },
  });
  await prisma.courseCompletion.create({
    data: { userId: user.id, courseSlug: CERTIFICATION_COURSE_SLUG, contentVersion: "e2e", rule: "online" },
    select: { id: true },
  });
  return phone;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a household workshop answers the self-assessment with plain posts, is blocked, corrects it and pledges", async ({ page, signInAs }) => {
    await signInAs(await learnerWithCourse("Bùi Văn Khải"));
    await page.goto("/co-so");
    await page.getByLabel("Loại hình").selectOption({ label: "Hộ kinh doanh, xưởng gia đình" });
    await page.getByLabel("Tên cơ sở").fill(`Xưởng thêu Khải ${randomInt(1000, 9999)}`);
    await page.getByLabel("Phường").selectOption({ label: await wardOf(WARD_ADMIN) });
    await page.getByLabel("Ngành nghề").fill("Thêu ren");
    await page.getByLabel("Tổng số người lao động").fill("4");
    await page.getByLabel("Số người từ đủ 13 đến chưa đủ 15 tuổi").fill("1");
    await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu hồ sơ cơ sở.");

    await page.goto("/co-so/danh-gia");
    // A worker aged 13 to under 15 brings the light-work list and the under-15 hours, not the 15-18 rules.
    await expect(assessmentQuestion(page, "light-work-13-15")).toHaveCount(1);
    await expect(assessmentQuestion(page, "hours-15-18")).toHaveCount(0);
    await answerCompliantly(page);
    await assessmentQuestion(page, "night-under15").getByLabel("Có", { exact: true }).check();
    await assessmentQuestion(page, "hours-under15").getByLabel("Không", { exact: true }).check();
    await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
    await expect(page.getByRole("alert")).toContainText("Chưa gửi được: 2 câu trả lời");
    await expect(assessmentQuestion(page, "night-under15").locator(".breach")).toContainText("Điều 146 và Điều 106 Bộ luật Lao động 2019");
    await expect(assessmentQuestion(page, "hours-under15").locator(".breach")).toContainText("4 giờ một ngày");
    // The other answers came back as given.
    await expect(assessmentQuestion(page, "register").getByLabel("Có", { exact: true })).toBeChecked();

    await assessmentQuestion(page, "night-under15").getByLabel("Không", { exact: true }).check();
    await assessmentQuestion(page, "hours-under15").getByLabel("Có", { exact: true }).check();
    await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
    await expect(page.getByRole("heading", { name: "Cam kết", level: 1 })).toBeVisible();
    await page.getByLabel("Chức vụ").fill("Chủ hộ kinh doanh");
    await page.getByLabel("Tôi đã đọc và xác nhận cam kết trên.").check();
    await page.getByRole("button", { name: "Ký cam kết và gửi hồ sơ" }).click();
    await expect(page.getByRole("status")).toContainText("Đã gửi hồ sơ.");
  });
});

test("a learner who completed a course gets a course certificate, verifiable by its code, as a PDF", async ({ page, signInAs }) => {
  await signInAs(await learnerWithCourse("Lý Thị Phương Thảo"));
  await page.goto(`/khoa-hoc/${CERTIFICATION_COURSE_SLUG}`);
  await page.getByRole("link", { name: "Giấy chứng nhận hoàn thành khóa học" }).click();
  await page.getByRole("button", { name: "Nhận giấy chứng nhận" }).click();
  const code = ((await page.locator(".cert-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);

  const response = await page.request.get(`/chung-nhan/${code}/pdf`);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "plte-cert-")), "course.pdf");
  writeFileSync(file, await response.body());
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).normalize("NFC");
  expect(text).toContain("Lý Thị Phương Thảo");

  await page.getByRole("link", { name: "Trang xác minh công khai" }).click();
  const card = page.locator(".verification__card");
  await expect(card).toContainText("Giấy chứng nhận hoàn thành khóa học");
  await expect(card).toContainText("Lý Thị Phương Thảo");
  await expect(card).toContainText("Không thời hạn");
  await expect(card.getByText("Còn hiệu lực")).toBeVisible();
});

test("a reviewer asks for changes with a message, which may not be empty, and the organisation sees it", async ({ page, signInAs }) => {
  const { phone, ward } = await createWardAdmin(`Phường Bổ Sung ${randomInt(100_000, 999_999)}`, "Cán Bộ Bổ Sung");
  const name = "Hộ kinh doanh Gốm Bổ Sung";
  const organisation = await prisma.organisation.create({ data: { kind: "household", name, searchName: foldForSearch(name), unitId: ward.id }, select: { id: true } });
  const owner = await prisma.user.create({
    data: {
      fullName: "Chủ Hộ Bổ Sung",
      searchName: "chu ho bo sung",
      phone: `+8479${randomInt(1_000_000, 9_999_999)}`,
      unitId: ward.id,
      targetGroup: "HH",
      organisationId: organisation.id,
    },
    select: { id: true, phone: true },
  });
  const application = await prisma.certificationApplication.create({
    data: { organisationId: organisation.id, unitId: ward.id, kind: "initial", status: "submitted", createdById: owner.id, submittedById: owner.id, submittedAt: new Date() },
    select: { id: true },
  });

  await signInAs(phone);
  await page.goto(`/quan-tri/chung-nhan/${application.id}`);
  const ask = page.getByRole("button", { name: "Đề nghị bổ sung" });
  await ask.click();
  await expect(page.locator("#changes_requested-field-message-error")).toHaveText("Hãy ghi lý do hoặc lời nhắn.");
  expect((await prisma.certificationApplication.findUniqueOrThrow({ where: { id: application.id }, select: { status: true } })).status).toBe("submitted");

  const message = "Xin bổ sung hợp đồng của người lao động 16 tuổi.";
  await page.getByLabel("Lời nhắn cho cơ sở: cần bổ sung, thay đổi gì").fill(message);
  await ask.click();
  await expect(page.getByRole("status")).toContainText("Đã ghi quyết định.");
  await expect(page.locator(".history")).toContainText(message);

  await page.context().clearCookies();
  await signInAs(`0${owner.phone.slice(3)}`);
  await page.goto("/co-so");
  await expect(page.getByText(message)).toBeVisible();
});
