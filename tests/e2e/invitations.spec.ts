import { randomInt } from "node:crypto";

import { prisma } from "#app/utils/db.server";
import { normalisePhone } from "#app/utils/phone";
import { foldForSearch } from "#app/utils/search";

import { createLearner, expect, findUserId, openMenu, test } from "./fixtures";

/** The way people write a number down: "0912 345 678". */
const spaced = (phone: string) => `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;

test("an organisation invites by phone, sees only the number, and the person joins by accepting on their account page", async ({ page, signInAs }) => {
  const organisationName = `Hộ Dệt Lời Mời ${randomInt(100_000, 999_999)}`;
  const owner = await createLearner("Chủ Hộ Mời Người", "BIZ");
  const invitee = await createLearner("Phạm Thị Được Mời", "BIZ");
  const nobody = `09${String(randomInt(10_000_000, 99_999_999))}`;
  expect(await prisma.user.count({ where: { phone: normalisePhone(nobody) ?? "" } })).toBe(0);
  const ownerId = await findUserId(owner);
  const { unitId } = await prisma.user.findUniqueOrThrow({ where: { id: ownerId }, select: { unitId: true } });
  await prisma.organisation.create({
    data: {
      kind: "household",
      name: organisationName,
      searchName: foldForSearch(organisationName),
      unitId,
      sector: "Dệt lụa",
      workerCount: 3,
      members: { connect: { id: ownerId } },
    },
    select: { id: true },
  });

  // 1. The owner invites a person with an account, then a number with none: the same answer each time.
  await signInAs(owner);
  const invite = async (phone: string) => {
    await page.goto("/co-so");
    await page.getByLabel("Mời người đại diện").fill(spaced(phone));
    await page.getByRole("button", { name: "Gửi lời mời" }).click();
    await expect(page).toHaveURL(/\/co-so\?da-moi=1$/);
    await expect(page.getByRole("status")).toHaveText("Đã ghi lời mời. Người được mời sẽ thấy lời mời khi đăng nhập bằng số điện thoại này.");
    return page.locator("main").innerText();
  };
  const afterInvitee = await invite(invitee);
  await expect(page.getByText(`Đã mời ${spaced(invitee)}`)).toBeVisible();
  expect(afterInvitee).not.toContain("Phạm Thị Được Mời");
  const afterNobody = await invite(nobody);
  await expect(page.getByText(`Đã mời ${spaced(nobody)}`)).toBeVisible();
  // The page differs only by the line of the second number.
  expect(afterNobody.replace(`\nĐã mời ${spaced(nobody)}\nHủy lời mời`, "")).toBe(afterInvitee);

  // 2. The invited person signs in and finds the invitation on their account page.
  await page.context().clearCookies();
  await signInAs(invitee);
  await page.goto("/");
  await openMenu(page);
  await page.getByRole("link", { name: "Tài khoản", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi", level: 1 })).toBeVisible();
  await expect(page.getByText(`${organisationName} (`)).toBeVisible();
  await page.getByRole("button", { name: `Nhận lời mời của ${organisationName}` }).click();
  await expect(page.getByRole("status")).toHaveText("Anh/chị đã trở thành người đại diện của cơ sở.");
  await expect(page.getByText("Không có lời mời hay buổi tập huấn nào đang chờ anh/chị trả lời.")).toBeVisible();
  await page.goto("/co-so");
  await expect(page.getByText(organisationName).first()).toBeVisible();

  // 3. The organisation now sees its new member by name; the number with no account is still only "invited".
  await page.context().clearCookies();
  await signInAs(owner);
  await page.goto("/co-so");
  await expect(page.getByText("Phạm Thị Được Mời")).toBeVisible();
  await expect(page.getByText(`Đã mời ${spaced(invitee)}`)).toHaveCount(0);
  await expect(page.getByText(`Đã mời ${spaced(nobody)}`)).toBeVisible();
  await page.getByRole("button", { name: `Hủy lời mời gửi ${spaced(nobody)}` }).click();
  await expect(page.getByText(`Đã mời ${spaced(nobody)}`)).toHaveCount(0);
});
