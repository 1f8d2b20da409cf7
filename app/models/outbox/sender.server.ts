import { setTimeout as sleep } from "node:timers/promises";

import { renderMessage } from "#app/content/messages.server";
import { groupsWithoutAccounts } from "#app/content/target-groups.server";
import { Prisma } from "#app/generated/prisma/client";
import { translate } from "#app/i18n/messages";
import { databaseProvider } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { env, outboxConfig, publicUrl } from "#app/utils/env.server";
import { toSmsText } from "#app/utils/sms-text";

import { getChannels, type ChannelSender, type ChannelSenders } from "./channels.server";
import { optedOutAmong, optOutTokens } from "./opt-out.server";
import { firstSendableMoment, isQuiet, QUIET_CHANNELS, quietEnd, startOfHanoiDay, startOfNextHanoiDay, UNCAPPED_TEMPLATES, type QuietHours } from "./respect";
import type { Channel } from "./types";

export type SenderSettings = {
  channels: ChannelSenders;
  /** Messages handed to the gateways per second. */
  rate: number;
  maxAttempts: number;
  /** How long a claimed message is this sender's before another may try it again. */
  leaseMs: number;
  /** The first retry's wait; each next one doubles, up to an hour. */
  backoffMs?: number;
  smsUnicode?: boolean;
  /** No SMS or Zalo handed over in these hours of Hà Nội; they wait, queued, until the end. Absent: none. */
  quietHours?: QuietHours | null;
  /** At most this many messages to one address a Hà Nội day; the rest wait for the next day. Absent: no cap. */
  dailyCap?: number | null;
  /** The site's address the opt-out link of every message starts with (PUBLIC_URL by default). */
  publicUrl?: string;
  /** A gateway forwards SMS replies to /api/sms-reply: the SMS footer also says to reply TU CHOI. */
  smsRepliesForwarded?: boolean;
};

type Claimed = {
  id: string;
  recipientUserId: string | null;
  recipientAddress: string;
  channel: Channel;
  templateKey: string;
  variables: string;
  locale: "vi" | "en";
  idempotencyKey: string;
  attempts: number;
};

const MAX_BACKOFF_MS = 60 * 60 * 1000;
// Addresses counted per query (the daily cap), well under the bound values a database takes.
const ADDRESSES_PER_COUNT = 500;
// Several app servers on PostgreSQL claim from one outbox: a row one of them has locked is skipped
// by the others, not waited for. SQLite has one writer at a time, so its UPDATE is the claim.
const skipLocked = () => Prisma.raw(databaseProvider(env.DATABASE_URL) === "postgresql" ? "FOR UPDATE SKIP LOCKED" : "");

/**
 * Claims up to `count` due messages on these channels: queued ones whose time has come, and sending
 * ones whose sender's lease ran out (it crashed or stopped between sending and recording). Each is
 * leased to this sender and counts one more attempt.
 */
export async function claimDue(channels: readonly Channel[], count: number, leaseMs: number, now = new Date()) {
  if (channels.length === 0 || count <= 0) return [];
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + leaseMs)}, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" IN ('queued', 'sending') AND "nextAttemptAt" <= ${now} AND "channel" IN (${Prisma.join(channels)})
      ORDER BY "nextAttemptAt" LIMIT ${count} ${skipLocked()}
    )
    RETURNING "id", "recipientUserId", "recipientAddress", "channel", "templateKey", "variables", "locale", "idempotencyKey", "attempts"`;
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
}

/** Puts claimed messages back in the queue until `until`, without counting the claim as an attempt. */
async function putBack(messages: readonly Claimed[], until: Date, reason: "daily_cap") {
  if (messages.length === 0) return;
  await prisma.outboxMessage.updateMany({
    where: { id: { in: messages.map((message) => message.id) }, status: "sending" },
    data: { status: "queued", nextAttemptAt: until, reason, attempts: { decrement: 1 } },
  });
}

/**
 * The privacy and courtesy rules, checked on each claimed message just before its hand-over
 * (issue 22, item 6). Returns the messages that may go now; of the others, a message to an
 * address that opted out is cancelled, one to an account the privacy rules keep out of reach (erased
 * since it was queued, a child's) is deleted as the erasure deletes the person's messages, and one
 * over the daily cap of its address waits until the next Hà Nội day (07:00 for SMS and Zalo).
 */
export async function screen(claimed: readonly Claimed[], settings: Pick<SenderSettings, "dailyCap" | "quietHours">, now = new Date()) {
  if (claimed.length === 0) return [];
  const userIds = [...new Set(claimed.flatMap((message) => (message.recipientUserId ? [message.recipientUserId] : [])))];
  const [optedOut, unreachable] = await Promise.all([
    optedOutAmong(
      prisma,
      claimed.map((message) => message.recipientAddress),
    ),
    userIds.length === 0
      ? []
      : prisma.user.findMany({
          where: { id: { in: userIds }, OR: [{ erasedAt: { not: null } }, { targetGroup: { in: groupsWithoutAccounts() } }] },
          select: { id: true },
        }),
  ]);
  const unreachableIds = new Set(unreachable.map((user) => user.id));
  const toDelete = new Set(claimed.filter((message) => message.recipientUserId && unreachableIds.has(message.recipientUserId)).map((message) => message.id));
  const toCancel = new Set(claimed.filter((message) => !toDelete.has(message.id) && optedOut.has(message.recipientAddress)).map((message) => message.id));
  if (toDelete.size > 0) await prisma.outboxMessage.deleteMany({ where: { id: { in: [...toDelete] }, status: "sending" } });
  if (toCancel.size > 0) {
    await prisma.outboxMessage.updateMany({
      where: { id: { in: [...toCancel] }, status: "sending" },
      data: { status: "cancelled", reason: "opted_out", attempts: { decrement: 1 } },
    });
  }
  const rest = claimed.filter((message) => !toDelete.has(message.id) && !toCancel.has(message.id));
  if (!settings.dailyCap || rest.length === 0) return rest;

  // Today's messages to these addresses: sent today, or being handed over (claimed today, the
  // lease still running), this round's own claims included and then taken off. Each sender counts
  // after its own claim has committed, so of two senders claiming for one address at once the
  // later one sees the earlier one's claim: together they never go over the cap (at worst both
  // hold back, and the message goes in a later round).
  const [dayStart, nextDay] = [startOfHanoiDay(now), startOfNextHanoiDay(now)];
  const counted = new Map<string, number>();
  for (const message of rest) counted.set(message.recipientAddress, (counted.get(message.recipientAddress) ?? 0) - 1);
  const addresses = [...counted.keys()];
  for (let start = 0; start < addresses.length; start += ADDRESSES_PER_COUNT) {
    // Hand-written: the query builder would cost tens of milliseconds a round on the event loop.
    const today = await prisma.$queryRaw<{ address: string; count: number | bigint }[]>`
      SELECT "recipientAddress" AS "address", COUNT(*) AS "count" FROM "OutboxMessage"
      WHERE "recipientAddress" IN (${Prisma.join(addresses.slice(start, start + ADDRESSES_PER_COUNT))})
        AND (("status" = 'sent' AND "sentAt" >= ${dayStart} AND "sentAt" < ${nextDay})
          OR ("status" = 'sending' AND "updatedAt" >= ${dayStart} AND "updatedAt" < ${nextDay} AND "nextAttemptAt" > ${now}))
      GROUP BY "recipientAddress"`;
    for (const row of today) counted.set(row.address, (counted.get(row.address) ?? 0) + Number(row.count));
  }
  const ready: Claimed[] = [];
  const held: Claimed[] = [];
  // Oldest first (ids grow with time): the newest message is the one that waits.
  for (const message of [...rest].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const count = counted.get(message.recipientAddress) ?? 0;
    if (count >= settings.dailyCap && !UNCAPPED_TEMPLATES.has(message.templateKey)) {
      held.push(message);
      continue;
    }
    counted.set(message.recipientAddress, count + 1);
    ready.push(message);
  }
  for (const channel of new Set(held.map((message) => message.channel))) {
    await putBack(
      held.filter((message) => message.channel === channel),
      firstSendableMoment(channel, nextDay, settings.quietHours),
      "daily_cap",
    );
  }
  return ready;
}

/**
 * In quiet hours: SMS and Zalo messages that fall due are given the end of the quiet hours as their
 * time (reason quiet_hours), so that the admins' list says when they go, and the claim skips them.
 * A message another sender had claimed and left (its lease ran out) waits the same way.
 */
async function holdForQuietHours(channels: readonly Channel[], quiet: QuietHours, now: Date) {
  await prisma.outboxMessage.updateMany({
    where: { status: { in: ["queued", "sending"] }, nextAttemptAt: { lte: now }, channel: { in: [...channels] } },
    data: { status: "queued", nextAttemptAt: quietEnd(quiet, now), reason: "quiet_hours" },
  });
}

/**
 * The line every message ends with: the address's opt-out link, and on SMS, when the gateway
 * forwards replies, the words to reply. E-mail puts it after a blank line.
 */
function optOutFooter(message: Claimed, url: string, smsRepliesForwarded: boolean) {
  const line = translate(message.locale, message.channel === "sms" && smsRepliesForwarded ? "outbox.optOutOrReply" : "outbox.optOut", { url });
  return message.channel === "email" ? `\n\n${line}` : `\n${line}`;
}

/** Whether a channel's gateway says it already accepted the key; not knowing (no look-up, or it failed) is no: the key still de-duplicates. */
async function gatewayHas(channel: ChannelSender, idempotencyKey: string) {
  if (!channel.accepted) return false;
  try {
    return await channel.accepted(idempotencyKey);
  } catch (error) {
    console.error(`outbox: could not ask the gateway about ${idempotencyKey}`, error);
    return false;
  }
}

/** Hands claimed messages to their channels, at most `parallel` at once; the errors, by message id. */
export async function deliver(messages: readonly Claimed[], settings: Pick<SenderSettings, "channels" | "smsUnicode" | "publicUrl" | "smsRepliesForwarded">, parallel = 50) {
  const failures = new Map<string, string>();
  if (messages.length === 0) return failures;
  const queue = [...messages];
  const tokens = await optOutTokens(messages.map((message) => message.recipientAddress));
  const work = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      try {
        const channel = settings.channels[message.channel];
        if (!channel) throw new Error(`the ${message.channel} channel is not configured`);
        // Claimed before without an outcome recorded (a crash, a timeout): the gateway may have it.
        if (message.attempts > 1 && (await gatewayHas(channel, message.idempotencyKey))) continue;
        const rendered = renderMessage(message.templateKey, message.locale, JSON.parse(message.variables) as Record<string, string>);
        const optOutUrl = `${settings.publicUrl ?? publicUrl}/tu-choi/${tokens.get(message.recipientAddress)}`;
        const full = rendered.text + optOutFooter(message, optOutUrl, settings.smsRepliesForwarded ?? false);
        const text = message.channel === "sms" ? toSmsText(full, { unicode: settings.smsUnicode }) : full;
        await channel.send({ to: message.recipientAddress, subject: rendered.subject, text, idempotencyKey: message.idempotencyKey, optOutUrl });
      } catch (error) {
        failures.set(message.id, (error instanceof Error ? error.message : String(error)).slice(0, 500));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, messages.length) }, work));
  return failures;
}

/** Records what happened: sent, or back in the queue after a wait that doubles each time, or failed for good. */
export async function record(messages: readonly Claimed[], failures: ReadonlyMap<string, string>, settings: Pick<SenderSettings, "maxAttempts" | "backoffMs">, now = new Date()) {
  const sent = messages.filter((message) => !failures.has(message.id)).map((message) => message.id);
  if (sent.length > 0)
    await prisma.outboxMessage.updateMany({ where: { id: { in: sent }, status: "sending" }, data: { status: "sent", sentAt: now, lastError: null, reason: null } });
  for (const message of messages) {
    const error = failures.get(message.id);
    if (error === undefined) continue;
    const giveUp = message.attempts >= settings.maxAttempts;
    const wait = Math.min((settings.backoffMs ?? 30_000) * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
    await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: "sending" },
      data: { status: giveUp ? "failed" : "queued", lastError: error, reason: null, nextAttemptAt: new Date(now.getTime() + wait) },
    });
  }
}

/**
 * One round: claims what is due (up to `count`), screens it (opt-outs, privacy, the daily cap),
 * sends what may go and records it. In quiet hours SMS and Zalo are not claimed but held until
 * the end of them. `now` is the round's clock (the tests move it). Returns how many were claimed.
 */
export async function sendDue(settings: SenderSettings, count = Math.ceil(settings.rate), now = new Date()) {
  let channels = Object.keys(settings.channels) as Channel[];
  if (settings.quietHours && isQuiet(settings.quietHours, now)) {
    const held = channels.filter((channel) => QUIET_CHANNELS.includes(channel));
    if (held.length > 0) await holdForQuietHours(held, settings.quietHours, now);
    channels = channels.filter((channel) => !held.includes(channel));
  }
  const claimed = await claimDue(channels, count, settings.leaseMs, now);
  if (claimed.length === 0) return 0;
  const ready = await screen(claimed, settings, now);
  if (ready.length > 0) await record(ready, await deliver(ready, settings), settings, now);
  return claimed.length;
}

const IDLE_POLL_MS = 2_000;

/**
 * The server's sender: a loop on the event loop that claims a second's worth of messages at the
 * configured rate, waits only on the network and the database, and sleeps while nothing is due
 * (docs/decisions/014-outbox.md). `stop` lets the round in progress finish.
 */
export function startOutboxSender(settings: SenderSettings = defaultSettings()) {
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const claimed = await sendDue(settings);
        const pause = claimed === 0 ? IDLE_POLL_MS : Math.max(0, 1000 - (Date.now() - started));
        if (running) await sleep(pause, undefined, { ref: false });
      } catch (error) {
        console.error("outbox sender round failed", error);
        if (running) await sleep(IDLE_POLL_MS, undefined, { ref: false });
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

function defaultSettings(): SenderSettings {
  return {
    channels: getChannels(),
    rate: outboxConfig.OUTBOX_RATE,
    maxAttempts: outboxConfig.OUTBOX_MAX_ATTEMPTS,
    leaseMs: outboxConfig.OUTBOX_LEASE_SECONDS * 1000,
    smsUnicode: outboxConfig.OUTBOX_SMS_UNICODE === "on",
    quietHours: outboxConfig.OUTBOX_QUIET_HOURS,
    dailyCap: outboxConfig.OUTBOX_DAILY_CAP,
    publicUrl,
    smsRepliesForwarded: Boolean(outboxConfig.SMS_REPLY_TOKEN),
  };
}
