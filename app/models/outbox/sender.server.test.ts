import { randomUUID } from "node:crypto";

import { describe, expect, test } from "vitest";

import { eraseAccount } from "#app/models/personal-data.server";
import { prisma } from "#app/utils/db.server";
import { createDistrict, createUser, uniquePhone } from "#tests/fixtures/units";

import { enqueueMessage, enqueueMessages } from "./enqueue.server";
import { createFakeGateway } from "./fake-gateway";
import { findOptOutLink, isOptOutReply, recordOptOut } from "./opt-out.server";
import { claimDue, deliver, sendDue, type SenderSettings } from "./sender.server";
import type { Channel } from "./types";

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
  publicUrl: "https://taphuan.example.gov.vn",
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
      expect.stringMatching(
        /^Phuong da duyet ho so chung nhan khong su dung lao dong tre em cua Ho Det Ba Tu\. Ma chung nhan: CN-7K2Q\. Xem tai http:\/\/localhost\/chung-nhan\nTu choi nhan tin: https:\/\/taphuan\.example\.gov\.vn\/tu-choi\/[\w-]{16}$/,
      ),
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

  test("a sender that crashed between sending and recording: after the lease the gateway is asked by the key, and a message it has is recorded sent without a second hand-over", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(2, moment, () => `+8490${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`);
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway);
    // The crashed sender claimed both and handed over only the first before it died.
    const claimed = await claimDue(["sms"], 10, settings.leaseMs, moment);
    await deliver(
      claimed.filter((message) => message.idempotencyKey === keys[0]),
      settings,
    );
    expect((await statusOf(keys)).map((row) => row.status)).toEqual(["sending", "sending"]);
    expect(await sendDue(settings, 10, after(moment, 30_000))).toBe(0);
    expect(await sendDue(settings, 10, after(moment, 60_000))).toBe(2);
    expect(gateway.received.map((delivery) => delivery.idempotencyKey)).toEqual([keys[0], keys[1]]);
    expect((await statusOf(keys)).map(({ status, attempts }) => ({ status, attempts }))).toEqual([
      { status: "sent", attempts: 2 },
      { status: "sent", attempts: 2 },
    ]);
  });

  test("with a gateway that cannot be asked, the crashed sender's message is handed over again with the same key, and delivered once", async () => {
    const moment = momentOfItsOwn();
    const keys = await queue(1, moment);
    const gateway = createFakeGateway({ lookups: false });
    const settings = settingsFor(gateway);
    await deliver(await claimDue(["sms"], 10, settings.leaseMs, moment), settings);
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
    // Left queued, it would be due for the tests below.
    await prisma.outboxMessage.deleteMany({ where: { idempotencyKey: { in: keys } } });
  });
});

const HOUR = 3_600_000;
/** A moment of Hà Nội's day: momentOfItsOwn() is 07:00 there (midnight UTC). */
const at = (morning: Date, hhmm: string) => {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  return after(morning, (hours - 7) * HOUR + minutes * 60_000);
};

async function queueOne(fields: { channel?: Channel; address: string; notBefore: Date; template?: string; recipientUserId?: string }) {
  const idempotencyKey = `respect:${randomUUID()}`;
  await enqueueMessage(prisma, {
    to: { channel: fields.channel ?? "sms", address: fields.address },
    recipientUserId: fields.recipientUserId ?? null,
    template: fields.template ?? "session-invitation",
    variables:
      fields.template === "setup-code"
        ? { code: "12345678", url: "https://taphuan.example.gov.vn/thiet-lap" }
        : { date: "05/01", time: "08:00", place: "Nhà văn hóa", url: "https://x.vn/tra-loi/t" },
    idempotencyKey,
    notBefore: fields.notBefore,
  });
  return idempotencyKey;
}

const rowOf = (key: string) =>
  prisma.outboxMessage.findUnique({ where: { idempotencyKey: key }, select: { status: true, attempts: true, nextAttemptAt: true, reason: true, sentAt: true } });
const quietHours = { start: 21, end: 7 };

describe("respect: quiet hours, the daily cap, opt-outs and the privacy rules", () => {
  test("an SMS queued at 22:00 is not sent at 23:00: it waits, queued, until 07:00; an e-mail is not held", async () => {
    const morning = momentOfItsOwn();
    const nextMorning = after(morning, 24 * HOUR);
    const [sms, zalo, email] = [
      await queueOne({ address: uniquePhone(), notBefore: at(morning, "22:00") }),
      await queueOne({ channel: "zalo", address: uniquePhone(), notBefore: at(morning, "22:00") }),
      await queueOne({ channel: "email", address: "ba.tu@example.vn", notBefore: at(morning, "22:00") }),
    ];
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway, { channels: { sms: gateway.sender, zalo: gateway.sender, email: gateway.sender }, quietHours });

    expect(await sendDue(settings, 10, at(morning, "23:00"))).toBe(1);
    expect(gateway.received.map((delivery) => delivery.to)).toEqual(["ba.tu@example.vn"]);
    expect(await rowOf(email)).toMatchObject({ status: "sent" });
    for (const key of [sms, zalo]) expect(await rowOf(key)).toMatchObject({ status: "queued", attempts: 0, nextAttemptAt: nextMorning, reason: "quiet_hours" });

    expect(await sendDue(settings, 10, after(nextMorning, -60_000))).toBe(0);
    expect(await sendDue(settings, 10, nextMorning)).toBe(2);
    expect(gateway.received).toHaveLength(3);
    for (const key of [sms, zalo]) expect(await rowOf(key)).toMatchObject({ status: "sent", attempts: 1, sentAt: nextMorning, reason: null });
  });

  test("a retry that falls in the quiet hours waits for the morning too", async () => {
    const morning = momentOfItsOwn();
    const failedAt = after(at(morning, "20:59"), 50_000);
    const key = await queueOne({ address: uniquePhone(), notBefore: failedAt });
    const gateway = createFakeGateway({ failFirst: 1 });
    const settings = settingsFor(gateway, { quietHours });
    await sendDue(settings, 10, failedAt);
    expect(await rowOf(key)).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: after(failedAt, 30_000) });
    expect(await sendDue(settings, 10, at(morning, "21:01"))).toBe(0);
    expect(await rowOf(key)).toMatchObject({ status: "queued", nextAttemptAt: after(morning, 24 * HOUR), reason: "quiet_hours" });
    expect(await sendDue(settings, 10, after(morning, 24 * HOUR))).toBe(1);
    expect(gateway.delivered.size).toBe(1);
  });

  test("the fourth message of the day to one address waits until the next morning; a set-up code is not held", async () => {
    const morning = momentOfItsOwn();
    const nextMorning = after(morning, 24 * HOUR);
    const address = uniquePhone();
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway, { quietHours, dailyCap: 3 });
    const first = [];
    for (let index = 0; index < 4; index++) first.push(await queueOne({ address, notBefore: at(morning, "09:00") }));

    expect(await sendDue(settings, 10, at(morning, "09:00"))).toBe(4);
    expect(gateway.received).toHaveLength(3);
    const fourth = first[3]!;
    expect(await rowOf(fourth)).toMatchObject({ status: "queued", attempts: 0, nextAttemptAt: nextMorning, reason: "daily_cap" });

    // A later round counts the messages already sent today.
    const setupCode = await queueOne({ address, notBefore: at(morning, "10:00"), template: "setup-code" });
    const fifth = await queueOne({ address, notBefore: at(morning, "11:00") });
    expect(await sendDue(settings, 10, at(morning, "10:00"))).toBe(1);
    expect(await rowOf(setupCode)).toMatchObject({ status: "sent" });
    await sendDue(settings, 10, at(morning, "11:00"));
    expect(await rowOf(fifth)).toMatchObject({ status: "queued", nextAttemptAt: nextMorning, reason: "daily_cap" });
    expect(gateway.received).toHaveLength(4);

    // Another address is not held by this one's count.
    const other = await queueOne({ address: uniquePhone(), notBefore: at(morning, "12:00") });
    await sendDue(settings, 10, at(morning, "12:00"));
    expect(await rowOf(other)).toMatchObject({ status: "sent" });

    expect(await sendDue(settings, 10, nextMorning)).toBe(2);
    for (const key of [fourth, fifth]) expect(await rowOf(key)).toMatchObject({ status: "sent", attempts: 1, reason: null });
  });

  test("two senders working through one address's messages together never hand over more than the cap", async () => {
    const morning = momentOfItsOwn();
    const address = uniquePhone();
    const keys = [];
    for (let index = 0; index < 8; index++) keys.push(await queueOne({ address, notBefore: at(morning, "09:00") }));
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway, { quietHours, dailyCap: 3 });
    const drain = async () => {
      while ((await sendDue(settings, 2, at(morning, "09:00"))) > 0);
    };
    await Promise.all([drain(), drain()]);
    const handedOver = gateway.received.map((delivery) => delivery.idempotencyKey);
    expect(handedOver.length).toBeGreaterThan(0);
    expect(handedOver.length).toBeLessThanOrEqual(3);
    expect(new Set(handedOver).size).toBe(handedOver.length);
    const rows = await Promise.all(keys.map(rowOf));
    expect(rows.filter((row) => row?.status === "sent")).toHaveLength(handedOver.length);
    expect(rows.filter((row) => row?.status === "queued").every((row) => row?.reason === "daily_cap" && row.attempts === 0)).toBe(true);
    // The rest go the next mornings, three a day.
    await sendDue(settings, 10, after(morning, 24 * HOUR));
    await sendDue(settings, 10, after(morning, 48 * HOUR));
    await sendDue(settings, 10, after(morning, 72 * HOUR));
    expect(new Set(gateway.received.map((delivery) => delivery.idempotencyKey))).toEqual(new Set(keys));
    expect(gateway.received).toHaveLength(8);
  });

  test("a round of 600 messages to 600 addresses is screened and sent at once (more values than SQLite binds in one query)", async () => {
    const morning = momentOfItsOwn();
    const keys = await queue(600, morning, () => `+8491${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`);
    const gateway = createFakeGateway();
    expect(await sendDue(settingsFor(gateway, { quietHours, dailyCap: 3 }), 600, morning)).toBe(600);
    expect(new Set(gateway.received.map((delivery) => delivery.idempotencyKey))).toEqual(new Set(keys));
  });

  test("an e-mail over the cap waits until midnight, the start of the next day", async () => {
    const morning = momentOfItsOwn();
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway, { channels: { email: gateway.sender }, quietHours, dailyCap: 1 });
    const keys = [
      await queueOne({ channel: "email", address: "hai.lan@example.vn", notBefore: at(morning, "22:00") }),
      await queueOne({ channel: "email", address: "hai.lan@example.vn", notBefore: at(morning, "22:00") }),
    ];
    expect(await sendDue(settings, 10, at(morning, "22:00"))).toBe(2);
    const rows = await Promise.all(keys.map(rowOf));
    expect(rows.map((row) => row?.status).sort()).toEqual(["queued", "sent"]);
    expect(rows.find((row) => row?.status === "queued")).toMatchObject({ nextAttemptAt: at(morning, "24:00"), reason: "daily_cap" });
    expect(await sendDue(settings, 10, at(morning, "24:00"))).toBe(1);
  });

  test("the opt-out link of a message stops every later message to the address: queued ones are cancelled, new ones recorded cancelled", async () => {
    const morning = momentOfItsOwn();
    const address = uniquePhone();
    const gateway = createFakeGateway();
    const settings = settingsFor(gateway, { channels: { sms: gateway.sender, zalo: gateway.sender }, quietHours, dailyCap: 3 });
    await queueOne({ address, notBefore: at(morning, "08:00") });
    const waiting = await queueOne({ channel: "zalo", address, notBefore: at(morning, "15:00") });
    await sendDue(settings, 10, at(morning, "08:00"));
    const token = /\/tu-choi\/([\w-]{16})$/.exec(gateway.received[0]!.text)?.[1];
    expect(gateway.received[0]?.optOutUrl).toBe(`https://taphuan.example.gov.vn/tu-choi/${token}`);
    // The same address always gets the same link.
    expect(await findOptOutLink(token!)).toEqual({ address, optedOutAt: null });

    await recordOptOut(address, { source: "link" }, at(morning, "09:00"));
    expect(await findOptOutLink(token!)).toEqual({ address, optedOutAt: at(morning, "09:00") });
    expect(await rowOf(waiting)).toMatchObject({ status: "cancelled", reason: "opted_out" });
    const later = await queueOne({ address, notBefore: at(morning, "16:00") });
    expect(await rowOf(later)).toMatchObject({ status: "cancelled", reason: "opted_out" });
    expect(await sendDue(settings, 10, at(morning, "16:00"))).toBe(0);
    expect(gateway.received).toHaveLength(1);
  });

  test("a reply TU CHOI opts out too, and a message queued by another path in the meantime is cancelled at its hand-over", async () => {
    expect(["TU CHOI", "Từ chối", "tu  choi.", " TuChoi ", "từ CHỐI!"].every(isOptOutReply)).toBe(true);
    expect(["TU CHOI NHE", "Toi se den", "", "tu"].some(isOptOutReply)).toBe(false);
    const morning = momentOfItsOwn();
    const address = uniquePhone();
    await recordOptOut(address, { source: "reply", channel: "sms" });
    expect(await prisma.messageOptOut.findUnique({ where: { address }, select: { source: true, channel: true } })).toEqual({ source: "reply", channel: "sms" });
    // Written by hand as a concurrent enqueue would have, before the opt-out committed.
    const key = `respect:${randomUUID()}`;
    await prisma.outboxMessage.create({
      data: { recipientAddress: address, channel: "sms", templateKey: "session-invitation", variables: "{}", idempotencyKey: key, nextAttemptAt: morning },
      select: { id: true },
    });
    const gateway = createFakeGateway();
    expect(await sendDue(settingsFor(gateway), 10, morning)).toBe(1);
    expect(gateway.received).toHaveLength(0);
    expect(await rowOf(key)).toMatchObject({ status: "cancelled", reason: "opted_out", attempts: 0 });
  });

  test("no message to an erased account or a child's, even with its address named; one erased after it was queued is deleted at its hand-over", async () => {
    const units = await createDistrict();
    const [erased, child, later] = [
      await createUser({ unitId: units.vanPhuc.id }),
      await createUser({ unitId: units.vanPhuc.id, targetGroup: "CHILD" }),
      await createUser({ unitId: units.vanPhuc.id }),
    ];
    expect(await eraseAccount(erased.id)).toBe(true);
    const morning = momentOfItsOwn();
    for (const person of [erased, child]) {
      const key = await queueOne({ address: person.phone, recipientUserId: person.id, notBefore: morning });
      expect(await rowOf(key)).toBeNull();
    }
    const key = await queueOne({ address: later.phone, recipientUserId: later.id, notBefore: morning });
    expect(await rowOf(key)).toMatchObject({ status: "queued" });
    // The erasure deletes the person's messages in its transaction; this one slipped past it.
    await prisma.user.update({ where: { id: later.id }, data: { erasedAt: morning }, select: { id: true } });
    const gateway = createFakeGateway();
    expect(await sendDue(settingsFor(gateway), 10, morning)).toBe(1);
    expect(gateway.received).toHaveLength(0);
    expect(await rowOf(key)).toBeNull();
  });
});
