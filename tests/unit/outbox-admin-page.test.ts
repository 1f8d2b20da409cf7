import { randomUUID } from "node:crypto";

import { expect, test } from "vitest";

import { enqueueMessage } from "#app/models/outbox/enqueue.server";
import { loader } from "#app/routes/quan-tri.tin-nhan";
import { startSession } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { maskPhone } from "#app/utils/phone";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

// This test process configures no channel (no SMS_SENDER, SMTP_URL or ZALO_URL): the page says so.
test("with no channel configured, a ward admin's page says that messages stay queued, and lists them", async () => {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const address = uniquePhone();
  await enqueueMessage(prisma, {
    to: { channel: "sms", address },
    template: "certification-approved",
    variables: { organisation: "Hộ Dệt Bà Tư", code: "CN-1", url: "https://x.vn" },
    idempotencyKey: `page:${randomUUID()}`,
    unitId: units.vanPhuc.id,
  });
  const cookie = (await startSession(admin.id)).split(";")[0]!;
  const data = await loader({ request: new Request("http://localhost/quan-tri/tin-nhan?trang-thai=queued", { headers: { Cookie: cookie } }), params: {}, context: {} });
  expect(data.configured).toEqual([]);
  expect(data.counts.queued).toBe(1);
  expect(data.messages).toEqual([
    expect.objectContaining({ template: "Hồ sơ chứng nhận được duyệt", recipient: maskPhone(address), channel: "sms", channelConfigured: false, ward: "Vạn Phúc" }),
  ]);
  expect(data.rules).toEqual({ quiet: { start: 21, end: 7 }, cap: 3 });
});
