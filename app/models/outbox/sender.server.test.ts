import { randomUUID } from "node:crypto";

import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";

import { enqueueMessages } from "./enqueue.server";
import { createFakeGateway } from "./fake-gateway";
import { claimDue, deliver, sendDue, type SenderSettings } from "./sender.server";

// The test files share one database: each test enqueues at a moment of its own in the past and
// runs its senders at that moment, so that messages other tests queued today are not yet due.
let year = 1990;
function momentOfItsOwn() {
  year += 1;
  return new Date(Date.UTC(year, 0, 1));
}

async function queue(count: number, notBefore: Date, address = () => "+84901234567") {
  const prefix = `sender:${randomUUID()}`;
  const keys = Array.from({ length: count }, (_, index) => `${prefix}:${index}`);
  await enqueueMessages(
    prisma,
    keys.map((idempotencyKey) => ({
      to: { channel: "sms" as const, address: address() },
      template: "certification-approved",
      variables: { organisation: "Hộ Dệt Bà Tư", code: "CN-7K2Q", url: "http://localhost/chung-nhan" },
      idempotencyKey,
      notBefore,
    })),
  );
  return keys;
}

const statusOf = async (keys: string[]) =>
  prisma.outboxMessage.findMany({
    where: { idempotencyKey: { in: keys } },
    select: { status: true, attempts: true, nextAttemptAt: true, lastError: true },
    orderBy: { idempotencyKey: "asc" },
  });
const settingsFor = (gateway: ReturnType<typeof createFakeGateway>, more: Partial<SenderSettings> = {}): SenderSettings => ({
  channels: { sms: gateway.sender },
  rate: 100,
  maxAttempts: 3,
  leaseMs: 60_000,
  backoffMs: 30_000,
  ...more,
});
const after = (moment: Date, ms: number) => new Date(moment.getTime() + ms);

describe("the outbox sender", () => {
  test("a due message reaches the gateway once, without diacritics, and is recorded as sent", async () => {
    const moment = momentOfItsOwn();
    const [key] = await queue(1, moment);
    const gateway = createFakeGateway();
    expect(await sendDue(settingsFor(gateway), 10, moment)).toBe(1);
    expect(await sendDue(settingsFor(gateway), 10, after(moment, 3_600_000))).toBe(0);
    expect(gateway.received.map((delivery) => delivery.text)).toEqual([
      "Phuong da duyet ho so chung nhan khong su dung lao dong tre em cua Ho Det Ba Tu. Ma chung nhan: CN-7K2Q. Xem tai http://localhost/chung-nhan",
    ]);
    expect(gateway.received[0]?.idempotencyKey).toBe(key);
    expect((await statusOf([key!]))[0]).toMatchObject({ status: "sent", attempts: 1, lastError: null });
  });

  test("a gateway that fails is tried again after 30 s, then 60 s, and the message fails after the last attempt", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(1, moment);
    const gateway = createFakeGateway({ failFirst: 10 });
    const settings = settingsFor(gateway);
    await sendDue(settings, 10, moment);
    expect((await statusOf(keys))[0]).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: after(moment, 30_000), lastError: "gateway unavailable" });
    expect(await sendDue(settings, 10, after(moment, 29_000))).toBe(0);
    await sendDue(settings, 10, after(moment, 30_000));
    expect((await statusOf(keys))[0]).toMatchObject({ status: "queued", attempts: 2, nextAttemptAt: after(moment, 90_000) });
    await sendDue(settings, 10, after(moment, 90_000));
    expect((await statusOf(keys))[0]).toMatchObject({ status: "failed", attempts: 3 });
    expect(await sendDue(settings, 10, after(moment, 86_400_000))).toBe(0);
    expect(gateway.received).toHaveLength(3);
  });

  test("a message that failed once is sent on its retry", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(1, moment);
    const gateway = createFakeGateway({ failFirst: 1 });
    await sendDue(settingsFor(gateway), 10, moment);
    await sendDue(settingsFor(gateway), 10, after(moment, 30_000));
    expect((await statusOf(keys))[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(gateway.delivered.size).toBe(1);
  });

  test("a sender that crashed between sending and recording: the message is retried after the lease with the same key, and the gateway delivers it once", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(1, moment);
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway);
    // The crashed sender claimed and sent, and never recorded.
    await deliver(await claimDue(["sms"], 10, settings.leaseMs, moment), settings);
    expect((await statusOf(keys))[0]?.status).toBe("sending");
    expect(await sendDue(settings, 10, after(moment, 30_000))).toBe(0);
    expect(await sendDue(settings, 10, after(moment, 60_000))).toBe(1);
    expect(gateway.received.map((delivery) => delivery.idempotencyKey)).toEqual([keys[0], keys[0]]);
    expect(gateway.delivered.size).toBe(1);
    expect((await statusOf(keys))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  test("two senders working through one outbox hand each message over once", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(120, moment, () => `+8490${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`);
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway);
    const drain = async () => {
      while ((await sendDue(settings, 7, moment)) > 0);
    };
    await Promise.all([drain(), drain()]);
    expect(gateway.received).toHaveLength(120);
    expect(new Set(gateway.received.map((delivery) => delivery.idempotencyKey))).toEqual(new Set(keys));
    expect((await statusOf(keys)).every((row) => row.status === "sent")).toBe(true);
  });

  test("messages on a channel this server has no gateway for stay queued", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(1, moment);
    const gateway = createFakeGateway();
    expect(await sendDue({ ...settingsFor(gateway), channels: { email: gateway.sender } }, 10, moment)).toBe(0);
    expect((await statusOf(keys))[0]).toMatchObject({ status: "queued", attempts: 0 });
  });
});
