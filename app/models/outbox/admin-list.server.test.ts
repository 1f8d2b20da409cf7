import { randomUUID } from "node:crypto";

import { expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { listOutboxMessages, maskAddress, outboxInScope } from "./admin-list.server";
import { enqueueMessages } from "./enqueue.server";
import { recordOptOut } from "./opt-out.server";

test("a ward admin lists their ward's messages by status, masked; the other ward's are not there; the district's admin sees both", async () => {
  const units = await createDistrict();
  const [ours, theirs, declined] = [uniquePhone(), uniquePhone(), uniquePhone()];
  await recordOptOut(declined, { source: "link" });
  const message = (address: string, unitId: string | null) => ({
    to: { channel: "sms" as const, address },
    template: "session-invitation",
    variables: { date: "05/01/2027", time: "08:00", place: "Nhà văn hóa", url: "https://x.vn/tra-loi/t" },
    idempotencyKey: `list:${randomUUID()}`,
    unitId,
  });
  const messages = [message(ours, units.vanPhuc.id), message(theirs, units.phuLa.id), message(declined, units.vanPhuc.id), message(uniquePhone(), null)];
  await enqueueMessages(prisma, messages);
  const keys = messages.map((row) => row.idempotencyKey);
  const seenBy = async (admin: { unitPath: string }) =>
    (await prisma.outboxMessage.findMany({ where: { AND: [await outboxInScope(admin), { idempotencyKey: { in: keys } }] }, select: { idempotencyKey: true } }))
      .map((row) => keys.indexOf(row.idempotencyKey))
      .sort();

  const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const queued = await listOutboxMessages(wardAdmin, { status: "queued", page: 1 });
  expect(queued.counts).toEqual({ queued: 1, sending: 0, sent: 0, failed: 0, cancelled: 1 });
  expect(queued.messages).toEqual([expect.objectContaining({ recipient: maskAddress(ours), templateKey: "session-invitation", status: "queued", ward: "Vạn Phúc" })]);
  expect(JSON.stringify(queued)).not.toContain(ours);
  const cancelled = await listOutboxMessages(wardAdmin, { status: "cancelled", page: 1 });
  expect(cancelled.messages).toEqual([expect.objectContaining({ recipient: maskAddress(declined), reason: "opted_out" })]);

  // The district (here at the top of its tree, as the city is) sees both wards' and the messages about no ward.
  expect(await seenBy(wardAdmin)).toEqual([0, 2]);
  expect(await seenBy(await createAdmin(units.district.id, "district_admin"))).toEqual([0, 1, 2, 3]);
});

test("addresses are masked as lists mask phones", () => {
  expect(maskAddress("+84901234567")).toBe("0901 *** 567");
  expect(maskAddress("ba.tu@example.vn")).toBe("b***@example.vn");
});
