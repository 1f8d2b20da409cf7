import { setTimeout as sleep } from "node:timers/promises";

import { renderMessage } from "#app/content/messages.server";
import { Prisma } from "#app/generated/prisma/client";
import { databaseProvider } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { env, outboxConfig } from "#app/utils/env.server";
import { toSmsText } from "#app/utils/sms-text";

import { getChannels, type ChannelSenders } from "./channels.server";
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
};

type Claimed = { id: string; recipientAddress: string; channel: Channel; templateKey: string; variables: string; locale: "vi" | "en"; idempotencyKey: string; attempts: number };

const MAX_BACKOFF_MS = 60 * 60 * 1000;
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
    RETURNING "id", "recipientAddress", "channel", "templateKey", "variables", "locale", "idempotencyKey", "attempts"`;
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
}

/** Hands claimed messages to their channels, at most `parallel` at once; the errors, by message id. */
export async function deliver(messages: readonly Claimed[], settings: Pick<SenderSettings, "channels" | "smsUnicode">, parallel = 50) {
  const failures = new Map<string, string>();
  const queue = [...messages];
  const work = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      try {
        const channel = settings.channels[message.channel];
        if (!channel) throw new Error(`the ${message.channel} channel is not configured`);
        const rendered = renderMessage(message.templateKey, message.locale, JSON.parse(message.variables) as Record<string, string>);
        const text = message.channel === "sms" ? toSmsText(rendered.text, { unicode: settings.smsUnicode }) : rendered.text;
        await channel.send({ to: message.recipientAddress, subject: rendered.subject, text, idempotencyKey: message.idempotencyKey });
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
  if (sent.length > 0) await prisma.outboxMessage.updateMany({ where: { id: { in: sent }, status: "sending" }, data: { status: "sent", sentAt: now, lastError: null } });
  for (const message of messages) {
    const error = failures.get(message.id);
    if (error === undefined) continue;
    const giveUp = message.attempts >= settings.maxAttempts;
    const wait = Math.min((settings.backoffMs ?? 30_000) * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
    await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: "sending" },
      data: { status: giveUp ? "failed" : "queued", lastError: error, nextAttemptAt: new Date(now.getTime() + wait) },
    });
  }
}

/** One round: claims what is due (up to `count`), sends it and records it. Returns how many were claimed. */
export async function sendDue(settings: SenderSettings, count = Math.ceil(settings.rate), now = new Date()) {
  const claimed = await claimDue(Object.keys(settings.channels) as Channel[], count, settings.leaseMs, now);
  if (claimed.length === 0) return 0;
  await record(claimed, await deliver(claimed, settings), settings, now);
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
  };
}
