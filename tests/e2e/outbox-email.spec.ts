import { randomInt } from "node:crypto";

import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { createWardAdmin, expect, mailReceived, test } from "./fixtures";

test("a business owner who asked for e-mail receives the approval with the certificate's code", async ({ page, signInAs }) => {
  const { phone: admin, ward } = await createWardAdmin(`Phường Thư Điện Tử ${randomInt(100_000, 999_999)}`, "Cán Bộ Thư Điện Tử");
  const name = "Xưởng May Thư Điện Tử";
  const email = `chu-xuong-${randomInt(100_000, 999_999)}@example.vn`;
  const organisation = await prisma.organisation.create({ data: { kind: "business", name, searchName: foldForSearch(name), unitId: ward.id }, select: { id: true } });
  const owner = await prisma.user.create({
    data: {
      fullName: "Chủ Xưởng May",
      searchName: "chu xuong may",
      phone: `+8476${randomInt(1_000_000, 9_999_999)}`,
      email,
      preferredChannel: "email",
      unitId: ward.id,
      targetGroup: "BIZ",
      organisationId: organisation.id,
    },
    select: { id: true },
  });
  const application = await prisma.certificationApplication.create({
    data: { organisationId: organisation.id, unitId: ward.id, kind: "initial", status: "submitted", createdById: owner.id, submittedById: owner.id, submittedAt: new Date() },
    select: { id: true },
  });

  // The ward admin approves it on the review page.
  await signInAs(admin);
  await page.goto(`/quan-tri/chung-nhan/${application.id}`);
  await page.getByRole("button", { name: "Duyệt và cấp giấy chứng nhận" }).click();
  await expect(page.getByRole("status")).toContainText("Đã duyệt. Giấy chứng nhận mã");
  const code = /([0-9A-Z]{5}(?:-[0-9A-Z]{5}){4})/.exec((await page.getByRole("status").textContent()) ?? "")?.[1];
  if (!code) throw new Error("no certificate code on the page");

  // The outbox sends the decision by e-mail; the local SMTP server receives it, once.
  await expect.poll(async () => (await mailReceived()).filter((mail) => mail.to === email).length, { timeout: 20_000 }).toBe(1);
  const [mail] = (await mailReceived()).filter((mail) => mail.to === email);
  expect(mail!.subject).toBe(`Hồ sơ chứng nhận của ${name} đã được duyệt`);
  expect(mail!.text).toContain(`Mã chứng nhận: ${code}.`);
  expect(mail!.text).toContain(`/xac-minh/${code}`);
});
