import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { chooseChannel, enqueueMessage, enqueueMessages } from "./enqueue.server";

let units: Awaited<ReturnType<typeof createDistrict>>;
beforeAll(async () => {
  units = await createDistrict();
});

const rowsWithKey = (idempotencyKey: string) => prisma.outboxMessage.findMany({ where: { idempotencyKey }, select: { channel: true, recipientAddress: true, status: true } });

describe("enqueueing messages", () => {
  test("a second message with the same key is not queued again, even inside another transaction", async () => {
    const person = await createUser({ unitId: units.vanPhuc.id });
    const key = `test:${randomUUID()}`;
    const message = { recipientUserId: person.id, template: "review-approved", variables: { code: "CN-1" }, idempotencyKey: key };
    expect(await enqueueMessage(prisma, message)).toBe(true);
    expect(await prisma.$transaction((tx) => enqueueMessage(tx, message))).toBe(false);
    expect(await rowsWithKey(key)).toEqual([{ channel: "sms", recipientAddress: person.phone, status: "queued" }]);
  });

  test("a message enqueued in a transaction that rolls back is not in the outbox", async () => {
    const person = await createUser({ unitId: units.vanPhuc.id });
    const key = `test:${randomUUID()}`;
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueMessage(tx, { recipientUserId: person.id, template: "review-approved", variables: {}, idempotencyKey: key });
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await rowsWithKey(key)).toEqual([]);
  });

  test("two thousand messages are queued by one call (the benchmark queues ten thousand)", async () => {
    const prefix = `bulk:${randomUUID()}`;
    const messages = Array.from({ length: 2_000 }, (_, index) => ({
      to: { channel: "sms" as const, address: `+8490${String(index).padStart(7, "0")}` },
      template: "review-approved",
      variables: { code: String(index) },
      idempotencyKey: `${prefix}:${index}`,
    }));
    expect(await enqueueMessages(prisma, messages)).toBe(2_000);
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: prefix } } })).toBe(2_000);
  });
});

describe("choosing the channel", () => {
  const person = { phone: "+84901234567", email: "ba.tu@example.vn", preferredChannel: null as string | null };

  test("the preferred channel when it is configured, else SMS, then e-mail", () => {
    expect(chooseChannel({ ...person, preferredChannel: "zalo" }, new Set(["sms", "email", "zalo"]))).toEqual({ channel: "zalo", address: person.phone });
    expect(chooseChannel({ ...person, preferredChannel: "zalo" }, new Set(["sms", "email"]))).toEqual({ channel: "sms", address: person.phone });
    expect(chooseChannel({ ...person, preferredChannel: "email" }, new Set(["sms", "email"]))).toEqual({ channel: "email", address: person.email });
    expect(chooseChannel(person, new Set(["email"]))).toEqual({ channel: "email", address: person.email });
  });

  test("with no channel configured the message waits on the first one the person can be reached on", () => {
    expect(chooseChannel({ ...person, preferredChannel: "email" }, new Set())).toEqual({ channel: "email", address: person.email });
    expect(chooseChannel({ ...person, email: null, preferredChannel: "email" }, new Set())).toEqual({ channel: "sms", address: person.phone });
  });
});
