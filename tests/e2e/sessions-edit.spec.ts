import type { Page } from "@playwright/test";

import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, DEMO, expect, test } from "./fixtures";

async function fillSession(page: Page, place: string) {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  await page.getByLabel("Ngày tổ chức").fill("2026-03-15");
  await page.getByLabel("Địa điểm").fill(place);
  await page.getByLabel("Loại buổi").selectOption({ label: "Tập huấn" });
  await page.getByLabel(course.title).check();
  await page.getByLabel("Người giảng").fill("Cán bộ phường");
}

test("an identical session is flagged before it is saved, and saved once the admin says it is another", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Buổi Trùng", "Cán Bộ Buổi Trùng");
  const colleague = await createWardAdmin("Phường Khác Hẳn", "Cán Bộ Khác");
  await prisma.user.update({ where: { phone: `+84${colleague.phone.slice(1)}` }, data: { unitId: ward.id }, select: { id: true } });
  await signInAs(colleague.phone);
  await page.goto("/quan-tri/buoi-hoc/moi");
  await fillSession(page, "Nhà văn hóa tổ 9");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("heading", { name: "15/03/2026 · Nhà văn hóa tổ 9" })).toBeVisible();

  await page.context().clearCookies();
  await signInAs(admin);
  await page.goto("/quan-tri/buoi-hoc/moi");
  await fillSession(page, "Nhà văn hóa tổ 9");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.locator("[data-error-summary]")).toContainText("Đã có một buổi học giống hệt");
  expect(await prisma.trainingSession.count({ where: { unitId: ward.id } })).toBe(1);
  // What was typed and ticked is kept; one more tick saves it.
  await expect(page.getByLabel("Địa điểm")).toHaveValue("Nhà văn hóa tổ 9");
  await page.getByLabel("Đây là một buổi học khác, vẫn lưu").check();
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("heading", { name: "15/03/2026 · Nhà văn hóa tổ 9" })).toBeVisible();
  expect(await prisma.trainingSession.count({ where: { unitId: ward.id } })).toBe(2);
});

test("a ward admin corrects a session, removes an attendee who was not there, then deletes the session and its count", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Sửa Buổi", "Cán Bộ Sửa Buổi");
  await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name: "Hộ bà Nhầm Lẫn", searchName: foldForSearch("Hộ bà Nhầm Lẫn"), phone: "+84912000111" } });
  await signInAs(admin);
  await page.goto("/quan-tri/buoi-hoc/moi");
  await fillSession(page, "Nhà văn hóa tổ 1");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();

  await page.getByRole("link", { name: "Sửa buổi học" }).click();
  await expect(page.getByLabel("Địa điểm")).toHaveValue("Nhà văn hóa tổ 1");
  await page.getByLabel("Địa điểm").fill("Hội trường phường");
  await page.getByRole("button", { name: "Lưu buổi học" }).click();
  await expect(page.getByRole("heading", { name: "15/03/2026 · Hội trường phường" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Đã lưu thay đổi");

  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("nham lan");
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ bà Nhầm Lẫn" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();
  // Lists show the phone masked, as plain text: never a link that would call a wrong number.
  const attendee = page.getByRole("listitem").filter({ hasText: "Hộ bà Nhầm Lẫn" }).first();
  await expect(attendee).toContainText("0912 *** 111");
  await expect(attendee.locator('a[href^="tel:"]')).toHaveCount(0);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(page.getByRole("row", { name: /T-COOP-HH/ })).toContainText("1/1");

  await page.goBack();
  await page.getByRole("button", { name: "Bỏ điểm danh Hộ bà Nhầm Lẫn" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (0 người)" })).toBeVisible();
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(page.getByRole("row", { name: /T-COOP-HH/ })).toContainText("0/1");

  await page.goBack();
  await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("nham lan");
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("button", { name: "Điểm danh Hộ bà Nhầm Lẫn" }).click();
  await expect(page.getByRole("heading", { name: "Điểm danh (1 người)" })).toBeVisible();
  await page.getByText("Xóa buổi học", { exact: true }).click();
  await page.getByRole("button", { name: "Xác nhận xóa buổi học" }).click();
  await expect(page.getByRole("status")).toContainText("Đã xóa buổi học.");
  await expect(page.getByRole("link", { name: /Hội trường phường/ })).toHaveCount(0);
  await page.goto(`/quan-tri/bao-cao/${ward.code}`);
  await expect(page.getByRole("row", { name: /T-COOP-HH/ })).toContainText("0/1");

  const actions = await prisma.auditEntry.findMany({
    where: { action: { startsWith: "training-session." }, actorId: (await prisma.user.findFirstOrThrow({ where: { fullName: "Cán Bộ Sửa Buổi" }, select: { id: true } })).id },
    select: { action: true },
  });
  // Every action on training sessions is named training-session.* now (issue 13): creating and attending are in the trail too.
  expect(actions.map((entry) => entry.action).sort()).toEqual([
    "training-session.attend",
    "training-session.attend",
    "training-session.create",
    "training-session.delete",
    "training-session.remove-attendee",
    "training-session.update",
  ]);
});

test("'Đã rời đi' asks first, and the person can be brought back", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin("Phường Rời Đi", "Cán Bộ Rời Đi");
  await prisma.rosterEntry.create({ data: { unitId: ward.id, targetGroup: "HH", name: "Hộ ông Chuyển Nhà", searchName: foldForSearch("Hộ ông Chuyển Nhà") } });
  await signInAs(admin);
  await page.goto("/quan-tri/danh-sach?q=chuyen nha");
  await page.getByText("Đã rời đi", { exact: true }).click();
  await expect(page.getByText("Hộ ông Chuyển Nhà sẽ không còn được tính")).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận đã rời đi" }).click();
  await expect(page.getByRole("status")).toContainText("Đã ghi nhận một người đã rời đi.");
  await expect(page.getByText(/Đã rời đi ngày/)).toBeVisible();
  await page.getByRole("status").getByRole("button", { name: "Hoàn tác" }).click();
  await expect(page.getByRole("status")).toContainText("Đã hoàn tác");
  await expect(page.getByText(/Đã rời đi ngày/)).toHaveCount(0);
  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: ward.id }, select: { id: true, leftAt: true } });
  expect(entry.leftAt).toBeNull();
  expect(await prisma.auditEntry.count({ where: { targetId: entry.id, action: { in: ["roster.mark-left", "roster.undo-left"] } } })).toBe(2);

  // The city's audit log tells both as sentences, at Hà Nội's time.
  await signInAs(DEMO.districtAdmin);
  await page.goto("/quan-tri/nhat-ky");
  const left = page.getByRole("listitem").filter({ hasText: /^Cán Bộ Rời Đi đánh dấu Hộ ông Chuyển Nhà đã rời đi, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/ });
  await expect(left.getByRole("term")).toHaveText(["Ngày rời đi"]);
  await expect(left.getByRole("definition")).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  await expect(page.getByRole("listitem").filter({ hasText: /^Cán Bộ Rời Đi hoàn tác việc đánh dấu Hộ ông Chuyển Nhà đã rời đi, / })).toHaveCount(1);
});
