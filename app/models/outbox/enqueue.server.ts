// The outbox's door for other models (docs/decisions/014-outbox.md), a stable API:
//   await enqueueMessage(tx, { recipientUserId, template: "review-approved", variables: { code }, idempotencyKey: `review:${eventId}`, unitId });
//   await enqueueMessages(tx, inputs) // many, in multi-row INSERTs
// called inside the caller's transaction; MessageInput (./types.ts) says what each field means.
import { mayHaveAccount } from "#app/content/target-groups.server";
import { Prisma } from "#app/generated/prisma/client";
import { newId, type prisma } from "#app/utils/db.server";

import { configuredChannels } from "./channels.server";
import { optedOutAmong } from "./opt-out.server";
import type { Channel, MessageInput } from "./types";

/** The client of a transaction (`prisma.$transaction(async (tx) => …)`) or the client itself. */
export type Db = Prisma.TransactionClient | typeof prisma;

type Recipient = { id: string; phone: string; email: string | null; preferredChannel: string | null; erasedAt: Date | null; targetGroup: string | null };

const ROWS_PER_INSERT = 500;

/**
 * The person's preferred channel, then SMS, then e-mail: the first one this server is configured
 * for and the person has an address on. With none configured, the first they have an address on:
 * the message then waits, queued, until a channel is configured.
 */
export function chooseChannel(person: Pick<Recipient, "phone" | "email" | "preferredChannel">, configured: ReadonlySet<Channel> = configuredChannels()) {
  const addressOn = (channel: Channel) => (channel === "email" ? person.email : person.phone) || null;
  const order = [person.preferredChannel, "sms", "email"].filter(
    (channel, index, all): channel is Channel => channel !== null && all.indexOf(channel) === index && ["sms", "email", "zalo"].includes(channel),
  );
  const reachable = order.filter((channel) => addressOn(channel) !== null);
  const channel = reachable.find((candidate) => configured.has(candidate)) ?? reachable[0];
  return channel ? { channel, address: addressOn(channel)! } : null;
}

/**
 * Whom the privacy rules say not to contact: an erased account (nothing of it may be written
 * again), and a child (children have no accounts since issue 16; an account of a group without
 * accounts, left from before, is never written to).
 */
function mayBeContacted(person: Recipient) {
  return !person.erasedAt && (person.targetGroup === null || mayHaveAccount(person.targetGroup));
}

/**
 * Writes messages to the outbox, in the caller's transaction when given one (`tx`), so that a
 * decision and the message telling about it commit together or not at all. A key already in the
 * outbox is skipped, not an error (`INSERT … ON CONFLICT DO NOTHING`: a unique violation would abort
 * a PostgreSQL transaction). People with no address, and accounts the privacy rules keep out of
 * reach (erased, a child's), are skipped, also when the caller names the address (`to`). A message
 * to an address that opted out is written `cancelled` (reason `opted_out`), so that the admins'
 * list shows it was not sent. Returns how many messages were queued now. Multi-row INSERTs:
 * 10,000 messages are one action.
 */
export async function enqueueMessages(tx: Db, messages: readonly MessageInput[]) {
  const userIds = [...new Set(messages.filter((message) => message.recipientUserId).map((message) => message.recipientUserId!))];
  const people = new Map<string, Recipient>();
  for (let start = 0; start < userIds.length; start += ROWS_PER_INSERT) {
    const found = await tx.user.findMany({
      where: { id: { in: userIds.slice(start, start + ROWS_PER_INSERT) } },
      select: { id: true, phone: true, email: true, preferredChannel: true, erasedAt: true, targetGroup: true },
    });
    for (const person of found) people.set(person.id, person);
  }
  const configured = configuredChannels();
  const targets = messages.flatMap((message) => {
    const person = message.recipientUserId ? people.get(message.recipientUserId) : undefined;
    if (person && !mayBeContacted(person)) return [];
    const target = message.to ?? (person ? chooseChannel(person, configured) : null);
    return target ? [{ message, target }] : [];
  });
  const optedOut = await optedOutAmong(
    tx,
    targets.map(({ target }) => target.address),
  );
  const now = new Date();
  const rows = { queued: [] as Prisma.Sql[], cancelled: [] as Prisma.Sql[] };
  for (const { message, target } of targets) {
    const cancelled = optedOut.has(target.address);
    rows[cancelled ? "cancelled" : "queued"].push(
      Prisma.sql`(${newId()}, ${message.recipientUserId ?? null}, ${target.address}, ${target.channel}, ${message.template}, ${JSON.stringify(message.variables)}, ${message.locale ?? "vi"}, ${message.unitId ?? null}, ${message.idempotencyKey}, ${cancelled ? "cancelled" : "queued"}, ${cancelled ? "opted_out" : null}, 0, ${message.notBefore ?? now}, ${now}, ${now})`,
    );
  }
  let queued = 0;
  for (const status of ["queued", "cancelled"] as const) {
    for (let start = 0; start < rows[status].length; start += ROWS_PER_INSERT) {
      const written = await tx.$executeRaw`
        INSERT INTO "OutboxMessage" ("id", "recipientUserId", "recipientAddress", "channel", "templateKey", "variables", "locale", "unitId", "idempotencyKey", "status", "reason", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
        VALUES ${Prisma.join(rows[status].slice(start, start + ROWS_PER_INSERT))}
        ON CONFLICT ("idempotencyKey") DO NOTHING`;
      if (status === "queued") queued += written;
    }
  }
  return queued;
}

/** One message; true if it was queued now, false if its key was already there, nobody can be reached or the address opted out. */
export async function enqueueMessage(tx: Db, message: MessageInput) {
  return (await enqueueMessages(tx, [message])) === 1;
}
