// Opting out of the outbox's messages (issue 22, item 6; docs/decisions/014-outbox.md). Every
// message ends with a link /tu-choi/<token>, the token a random secret of the address; a gateway
// that forwards replies posts them to /api/sms-reply, and "TU CHOI" opts the sender out. From then
// on the address gets nothing: its queued messages are cancelled, new ones are recorded cancelled,
// and the sender checks again before each hand-over.
import { randomBytes } from "node:crypto";

import { Prisma } from "#app/generated/prisma/client";
import { newId, prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import type { Db } from "./enqueue.server";
import type { Channel } from "./types";

export type OptOutSource = "link" | "reply";

// Addresses per query: ten queries for a 10,000-message enqueue, well under the values a database binds.
const CHUNK = 1000;

/** Whether a reply says "TU CHOI", whatever its case, diacritics, spaces and punctuation ("Từ chối.", "tuchoi"). */
export function isOptOutReply(text: string) {
  return foldForSearch(text).replace(/[^a-z0-9]/g, "") === "tuchoi";
}

// Hand-written SQL: the senders and a 10,000-message enqueue look addresses up by the hundred,
// where the query builder costs tens of milliseconds a query on the server's one event loop.
const addressesIn = (table: "MessageOptOut" | "MessageOptOutLink", column: "address" | "token", addresses: readonly string[]) =>
  Prisma.sql`SELECT "address", ${Prisma.raw(`"${column}"`)} AS "value" FROM ${Prisma.raw(`"${table}"`)} WHERE "address" IN (${Prisma.join(addresses)})`;

/** The addresses among these that opted out. */
export async function optedOutAmong(db: Db, addresses: Iterable<string>) {
  const all = [...new Set(addresses)];
  const found = new Set<string>();
  for (let start = 0; start < all.length; start += CHUNK) {
    const rows = await db.$queryRaw<{ address: string }[]>(addressesIn("MessageOptOut", "address", all.slice(start, start + CHUNK)));
    for (const row of rows) found.add(row.address);
  }
  return found;
}

export async function isOptedOut(address: string) {
  return (await optedOutAmong(prisma, [address])).size > 0;
}

/**
 * Records that an address wants no more messages (the first time counts; again is a no-op) and
 * cancels its queued messages, on every channel to it. Messages being handed over at that moment
 * are not called back; the sender checks each message again before its hand-over.
 */
export async function recordOptOut(address: string, how: { source: OptOutSource; channel?: Channel | null }, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "MessageOptOut" ("id", "address", "channel", "source", "createdAt")
      VALUES (${newId(now.getTime())}, ${address}, ${how.channel ?? null}, ${how.source}, ${now})
      ON CONFLICT ("address") DO NOTHING`;
    await tx.outboxMessage.updateMany({ where: { recipientAddress: address, status: "queued" }, data: { status: "cancelled", reason: "opted_out" } });
  });
}

/**
 * The opt-out link's token of each address, made for those that have none yet. Several senders
 * may make one at once: the first insert wins and everybody reads it back.
 */
export async function optOutTokens(addresses: Iterable<string>) {
  const all = [...new Set(addresses)];
  const tokens = new Map<string, string>();
  for (let start = 0; start < all.length; start += CHUNK) {
    const chunk = all.slice(start, start + CHUNK);
    const known = await prisma.$queryRaw<{ address: string; value: string }[]>(addressesIn("MessageOptOutLink", "token", chunk));
    for (const row of known) tokens.set(row.address, row.value);
    const missing = chunk.filter((address) => !tokens.has(address));
    if (missing.length === 0) continue;
    const now = new Date();
    await prisma.$executeRaw`
      INSERT INTO "MessageOptOutLink" ("token", "address", "createdAt")
      VALUES ${Prisma.join(missing.map((address) => Prisma.sql`(${newOptOutToken()}, ${address}, ${now})`))}
      ON CONFLICT ("address") DO NOTHING`;
    const made = await prisma.$queryRaw<{ address: string; value: string }[]>(addressesIn("MessageOptOutLink", "token", missing));
    for (const row of made) tokens.set(row.address, row.value);
  }
  return tokens;
}

/** 96 random bits, 16 characters in a URL: short in an SMS, not to be guessed. */
function newOptOutToken() {
  return randomBytes(12).toString("base64url");
}

const TOKEN_SHAPE = /^[\w-]{16}$/;

/** What the opt-out page shows to whoever holds the link: the address (the page masks it) and whether it already opted out. */
export async function findOptOutLink(token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const link = await prisma.messageOptOutLink.findUnique({ where: { token }, select: { address: true } });
  if (!link) return null;
  const optOut = await prisma.messageOptOut.findUnique({ where: { address: link.address }, select: { createdAt: true } });
  return { address: link.address, optedOutAt: optOut?.createdAt ?? null };
}
