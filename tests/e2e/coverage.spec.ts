import { readFile } from "node:fs/promises";

import ExcelJS from "exceljs";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, targetsNoteOf } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createLearner, createWardAdmin, DEMO, expect, findUserId, test } from "./fixtures";

const KIEN_HUNG_ADMIN = "0901000007";
const PERIOD_2026 = getProgramme().periods.find((period) => period.code === "2026-2030")!;
const ASSUMED_VI = targetsNoteOf(PERIOD_2026, "vi")!;
const ASSUMED_EN = targetsNoteOf(PERIOD_2026, "en")!;
const HEADER = "Họ và tên hoặc tên tổ chức,Số điện thoại,Mã số thuế,Mã riêng của phường";

async function rosterOf(unitId: string, targetGroup: string, names: string[]) {
  for (const name of names) {
    await prisma.rosterEntry.create({ data: { unitId, targetGroup, name, searchName: foldForSearch(name), externalId: name } });
  }
}

function csvFile(lines: string[]) {
  return { name: "danh-sach.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`) };
}

test("a ward admin imports a roster, fixes two bad rows, and the ward's coverage moves by the right amount", async ({ page, signInAs }) => {
  // The server reads one import at a time: this file may wait for another test's large one.
  test.setTimeout(120_000);
  const waitForJob = { timeout: 60_000 };
  // A household head who already completed the household course online.
  const phone = await createLearner("Chủ Hộ Đã Học", "HH");
  const { phone: admin, ward } = await createWardAdmin("Phường Nhập Danh Sách", "Cán Bộ Nhập Danh Sách");
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  await prisma.courseCompletion.create({
    data: { userId: await findUserId(phone), courseSlug: course.slug, contentVersion: course.version, rule: "online" },
  });

  await signInAs(admin);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  const householdRow = page.getByRole("row", { name: /T-COOP-HH/ });
  await expect(householdRow).toContainText("Chưa có danh sách");

  await page.goto("/quan-tri/danh-sach");
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải tệp mẫu (CSV, tiêu đề tiếng Việt)" }).click();
  const template = await readFile((await (await templateDownload).path())!, "utf8");
  expect(template).toContain(HEADER);

  const good = [`Hộ ông Đã Học,${phone},,`, "Hộ bà Chưa Học,0911 222 333,,", "Hộ ông Vắng Nhà,,,PL-3"];
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByLabel("Tệp danh sách (CSV hoặc Excel)").setInputFiles(csvFile([good[0]!, ",0911 222 444,,", good[1]!, "Hộ ông Sai Số,12345,,"]));
  await page.getByRole("button", { name: "Kiểm tra và nhập" }).click();
  const problems = page.getByRole("table", { name: "2 lỗi" });
  await expect(problems.getByRole("row", { name: /^3 Họ và tên hoặc tên tổ chức Thiếu họ tên/ })).toBeVisible(waitForJob);
  await expect(problems.getByRole("row", { name: /^5 Số điện thoại Số điện thoại không hợp lệ/ })).toBeVisible();
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(householdRow).toContainText("Chưa có danh sách");

  await page.goto("/quan-tri/danh-sach");
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByLabel("Tệp danh sách (CSV hoặc Excel)").setInputFiles(csvFile(good));
  await page.getByRole("button", { name: "Kiểm tra và nhập" }).click();
  await expect(page.getByText("3 mục mới, 0 mục cập nhật, 0 mục không đổi.")).toBeVisible(waitForJob);
  await page.getByRole("button", { name: "Xác nhận và ghi vào danh sách" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã nhập xong: 3 mục mới, 0 mục cập nhật, 0 mục không đổi, 1 mục khớp với tài khoản.", waitForJob);

  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(householdRow).toContainText("33,3%");
  await expect(householdRow).toContainText("1/3");
  // 70% of 3 households means 3: two still to reach (the gap column, before the not-reached links).
  await expect(householdRow.getByRole("cell").nth(2)).toHaveText("2");
});

test("a ward admin cannot import a roster into another ward", async ({ page, signInAs, baseURL }) => {
  const { phone: admin } = await createWardAdmin("Phường Gửi Danh Sách", "Cán Bộ Gửi Danh Sách");
  const { ward: other } = await createWardAdmin("Phường Không Được Gửi", "Cán Bộ Phường Khác");
  await signInAs(admin);
  const reply = await page.request.post("/quan-tri/danh-sach?index", {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { unitId: other.id, targetGroup: "HH", file: csvFile(["Hộ bà Lạc Phường,0911 222 555,,"]) },
  });
  expect(reply.status()).toBe(400);
  expect(await reply.text()).toContain("Vui lòng chọn một phường trong danh sách.");
  expect(await prisma.rosterEntry.count({ where: { unitId: other.id } })).toBe(0);
});

test("a ward admin finds no report for another ward", async ({ page, signInAs }) => {
  await signInAs(KIEN_HUNG_ADMIN);
  const response = await page.goto("/quan-tri/bao-cao/HN-HA-DONG");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  await page.goto("/quan-tri/bao-cao");
  await expect(page.getByRole("table").locator("tbody").getByRole("link")).toHaveText(["Kiến Hưng"]);
});

test("a district admin sees every ward and exports the report as CSV and Excel", async ({ page, signInAs }) => {
  // A ward of two officials, neither trained yet: 90% of 2 leaves 2 still to reach.
  const { ward } = await createWardAdmin("Phường Hai Cán Bộ", "Cán Bộ Xuất Báo Cáo");
  await rosterOf(ward.id, "OFF-W", ["Cán bộ Thứ Nhất", "Cán bộ Thứ Hai"]);
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/bao-cao");
  const wards = page.getByRole("table").locator("tbody").getByRole("link");
  for (const name of ["Hà Đông", "Dương Nội", "Yên Nghĩa", "Phú Lương", "Kiến Hưng", ward.name]) {
    await expect(wards.filter({ hasText: new RegExp(`^${name}$`) })).toHaveCount(1);
  }
  await expect(page.getByRole("row", { name: /Tổng cộng/ })).toBeVisible();
  // One server-drawn chart per indicator, each named in words (the code at most in small type beside).
  const captions = page.locator("figure.trend figcaption");
  await expect(captions).toHaveCount(8);
  for (const heading of await captions.locator("strong").allTextContents()) expect(heading).not.toMatch(/^[A-Z]+(-[A-Z]+)*$/);
  const officialsChart = captions.filter({ hasText: "Cán bộ phường được tập huấn T-OFF-W" });
  await expect(officialsChart).toContainText(/Cán bộ phường ngành LĐ-TB&XH và cơ quan liên quan được tập huấn: đạt \d+(,\d)?% \(tháng \d{2}\/\d{4}\), mục tiêu 90%/);
  await expect(
    page.getByRole("img", { name: /^Cán bộ phường ngành LĐ-TB&XH và cơ quan liên quan được tập huấn: đạt \d+(,\d)?% \(tháng \d{2}\/\d{4}\), mục tiêu 90%$/ }),
  ).toBeVisible();
  // Each indicator's column is headed by a short Vietnamese name, the code beside it.
  await expect(page.getByRole("columnheader", { name: "Cán bộ phường được tập huấn T-OFF-W" })).toBeVisible();

  // The plan sets no 2026-2030 targets: the page and both files say the targets are assumed.
  await expect(page.getByRole("note")).toHaveText(ASSUMED_VI);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("note")).toHaveText(ASSUMED_EN);
  await expect(page.getByRole("columnheader", { name: "Ward officials trained T-OFF-W" })).toBeVisible();
  await expect(captions.filter({ hasText: "Ward officials trained T-OFF-W" })).toContainText(
    "Ward officials of the labour and social affairs sector and related agencies trained: ",
  );
  await expect(
    page.getByRole("img", { name: /^Ward officials of the labour and social affairs sector and related agencies trained: \d+(\.\d)?% \(\d{2}\/\d{4}\), target 90%$/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("note")).toHaveText(ASSUMED_VI);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv.trimEnd().split("\r\n").slice(-2)).toEqual(["", `"${ASSUMED_VI}"`]);
  expect(csv).toContain("Phường,Chỉ tiêu,Tên chỉ tiêu,Số đối tượng,Nguồn số đối tượng,Đã đạt,Tỷ lệ (%),Mục tiêu (%),Còn thiếu (người/tổ chức),Đánh giá,Ghi chú");
  const officials = csv.split("\r\n").find((line) => line.startsWith(`${ward.name},T-OFF-W,`));
  expect(officials?.split(",").slice(-8)).toEqual(["2", "danh sách", "0", "0", "90", "2", "Chậm", ""]);

  const excelDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await excelDownload).path())!);
  // Excel rows and cells are numbered from 1: drop the empty slot 0 of each.
  const rows = workbook.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []));
  expect(rows.find((row) => row[0] === ward.name && row[1] === "T-OFF-W")?.slice(3)).toEqual([2, "danh sách", 0, 0, 90, 2, "Chậm", ""]);
  expect(rows.at(-1)).toEqual([ASSUMED_VI]);

  // The list of those not reached, on the page and in its file, says so too.
  await page.goto("/quan-tri/bao-cao/chi-tieu/T-OFF-W");
  await expect(page.getByRole("note")).toHaveText(ASSUMED_VI);
  const listDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV" }).click();
  expect(await readFile((await (await listDownload).path())!, "utf8")).toContain(ASSUMED_VI);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(page.getByRole("note")).toHaveText(ASSUMED_VI);
});

test("a district admin draws the report for the wards in force on an earlier date", async ({ page, signInAs }) => {
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/bao-cao?ky=2021-2025");
  // The 2021-2025 targets are the plan's own: no note.
  await expect(page.getByRole("note")).toHaveCount(0);
  const wards = page.getByRole("table").locator("tbody").getByRole("link");
  await expect(wards.filter({ hasText: /^Hà Đông$/ })).toHaveCount(1);
  await expect(wards.filter({ hasText: /^Vạn Phúc$/ })).toHaveCount(0);

  // Before 1/1/2025 Nguyễn Trãi was a ward of its own; before 1/7/2025 Vạn Phúc was.
  await page.getByLabel("Đơn vị hành chính tại ngày").fill("2024-06-01");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(wards.filter({ hasText: /^Nguyễn Trãi$/ })).toHaveCount(1);
  await expect(wards.filter({ hasText: /^Vạn Phúc$/ })).toHaveCount(1);
  await page.getByLabel("Đơn vị hành chính tại ngày").fill("2025-03-01");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(wards.filter({ hasText: /^Nguyễn Trãi$/ })).toHaveCount(0);
  await expect(wards.filter({ hasText: /^Quang Trung$/ })).toHaveCount(1);
});

test("a ward admin records a session with attendance and the ward's coverage moves", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Có Buổi Học", "Cán Bộ Buổi Học");
  await rosterOf(ward.id, "HH", ["Hộ ông Triệu Văn Bảo", "Hộ bà Ngô Thị Hằng"]);
  await signInAs(admin);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  const householdRow = page.getByRole("row", { name: /T-COOP-HH/ });
  await expect(householdRow).toContainText("0/2");

  await page.goto("/quan-tri/buoi-hoc/moi");
  await page.getByLabel("Ngày tổ chức").fill("2026-03-15");
  await page.getByLabel("Địa điểm").fill("Nhà văn hóa tổ dân phố 3");
  await page.getByLabel("Loại buổi").selectOption({ label: "Tập huấn" });
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  await page.getByLabel(course.title).check();
  await page.getByLabel("Người giảng").fill("Cán bộ phường");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("heading", { name: "15/03/2026 · Nhà văn hóa tổ dân phố 3" })).toBeVisible();

  // The search ignores diacritics: "trieu van" finds "Triệu Văn".
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("trieu van");
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ ông Triệu Văn Bảo" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();

  await page.getByLabel("Họ và tên hoặc tên tổ chức").fill("Hộ ông Đến Sau");
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByRole("button", { name: "Thêm vào danh sách và điểm danh" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (2 người)" })).toBeVisible();

  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(householdRow).toContainText("2/3");
  await expect(householdRow).toContainText("66,7%");

  // A household that moves away leaves the population and the reached count.
  await page.goto("/quan-tri/danh-sach?q=den sau");
  await page.getByText("Đã rời đi", { exact: true }).click();
  await page.getByRole("button", { name: "Xác nhận đã rời đi" }).click();
  await expect(page.getByText(/Đã rời đi ngày/)).toBeVisible();
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(householdRow).toContainText("1/2");

  // The ward's sessions, as a file: the one just recorded, with its two attendees.
  await page.goto("/quan-tri/buoi-hoc");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  const line = csv.split("\r\n").find((candidate) => candidate.startsWith(`15/03/2026,${ward.name},Nhà văn hóa tổ dân phố 3,Tập huấn,`));
  expect(line).toContain(course.title);
  expect(line?.endsWith(",Cán bộ phường,2,0")).toBe(true);
});

test("an indicator's figure leads to the named people not reached yet, filtered by ward", async ({ page, signInAs }) => {
  const { ward } = await createWardAdmin("Phường Chưa Tập Huấn", "Cán Bộ Chưa Tập Huấn");
  await rosterOf(ward.id, "OFF-W", ["Mai Thị Thanh", "Lê Văn Phượng"]);
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/bao-cao");
  await page.getByRole("link", { name: "Cán bộ phường được tập huấn T-OFF-W" }).click();
  await expect(page.getByRole("heading", { name: "Những người, tổ chức chưa đạt: Cán bộ phường được tập huấn T-OFF-W" })).toBeVisible();
  await page.getByLabel("Phường", { exact: true }).selectOption({ label: ward.name });
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByRole("status")).toHaveText("2 chưa đạt");
  await expect(page.getByText("Mai Thị Thanh", { exact: true })).toBeVisible();
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("le van phuong");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByRole("status")).toHaveText("1 chưa đạt");

  // The export holds the list as filtered: this ward, this search, every page.
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByRole("status")).toHaveText("2 chưa đạt");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp CSV" }).click();
  const lines = (await readFile((await (await download).path())!, "utf8")).split("\r\n");
  expect(lines).toContain(`Phường,${ward.name}`);
  expect(lines.filter((line) => line.includes(`,${ward.name},`) && line.endsWith(",chưa có tài khoản,"))).toHaveLength(2);
  expect(lines.some((line) => line.startsWith("Mai Thị Thanh,"))).toBe(true);

  const excel = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về tệp Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await excel).path())!);
  const names = workbook.worksheets[0]!.getColumn(1).values;
  expect(names).toEqual(expect.arrayContaining(["Lê Văn Phượng", "Mai Thị Thanh"]));
});

test("a ward admin creates accounts in bulk from the roster and a household head signs in with the printed code", async ({ page, signInAs, browser }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Tạo Tài Khoản", "Cán Bộ Tạo Tài Khoản");
  const phone = `0933${String(Date.now()).slice(-6)}`;
  await prisma.rosterEntry.create({
    data: { unitId: ward.id, targetGroup: "HH", name: "Hộ bà Kiều Thị Nga", searchName: foldForSearch("Hộ bà Kiều Thị Nga"), phone: `+84${phone.slice(1)}` },
  });
  await signInAs(admin);
  await page.goto("/quan-tri/danh-sach");
  await page.getByRole("link", { name: "Tạo tài khoản hàng loạt cho những người trong danh sách" }).click();
  await expect(page.getByRole("heading", { name: "Tạo tài khoản từ danh sách" })).toBeVisible();
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Hộ gia đình (đặc biệt ở làng nghề)" });
  await page.getByRole("button", { name: "Tạo tài khoản và in mã" }).click();
  await expect(page.getByRole("heading", { name: "Đã tạo 1 tài khoản" })).toBeVisible();
  const row = page.getByRole("row", { name: /Hộ bà Kiều Thị Nga/ });
  const code = (await row.locator("code").textContent()) ?? "";

  const household = await (await browser.newContext()).newPage();
  await household.goto("/thiet-lap");
  await household.getByLabel("Số điện thoại").fill(phone);
  await household.getByLabel("Mã thiết lập").fill(code);
  await household.getByLabel("Mật khẩu mới").fill("mat-khau-cua-ba-nga");
  await household.getByRole("button", { name: "Lưu mật khẩu và đăng nhập" }).click();
  await expect(household.getByText("Xin chào, Hộ bà Kiều Thị Nga")).toBeVisible();
});

test("a ward without a roster declares a headcount and the report marks it as declared", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Khai Báo", "Cán Bộ Khai Báo");
  await signInAs(admin);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await page.getByLabel("Nhóm đối tượng").selectOption({ label: "Cha mẹ, người chăm sóc trẻ" });
  await page.getByLabel("Số đối tượng").fill("-3");
  await page.getByRole("button", { name: "Lưu số khai báo" }).click();
  await expect(page.locator("#field-count-error")).toHaveText("Hãy nhập một số nguyên từ 0 đến 1.000.000.");
  await page.getByLabel("Số đối tượng").fill("250");
  await page.getByRole("button", { name: "Lưu số khai báo" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu số khai báo.");
  await expect(page.getByRole("row", { name: /C-PAR/ })).toContainText("0/250 (khai báo)");
});
