import { createHash } from "node:crypto";

import nodemailer from "nodemailer";

import { outboxConfig, smsConfigured, type OutboxConfig } from "#app/utils/env.server";
import { askGatewayAccepted, getSmsSender, type SmsSender } from "#app/utils/sms.server";

import type { Channel } from "./types";

/** One rendered message for one channel; its text ends with the opt-out link, `optOutUrl`. */
export type Delivery = { to: string; text: string; subject: string; idempotencyKey: string; optOutUrl?: string };

/**
 * A channel hands a message over or rejects. Each passes the idempotency key on, so that a message
 * retried after a crash between sending and recording is sent once by a gateway that de-duplicates.
 * A channel whose gateway can be asked (`accepted`) is asked first, so that such a message is not
 * even handed over again: the gateway receives it once.
 */
export type ChannelSender = { send: (delivery: Delivery) => Promise<void>; accepted?: (idempotencyKey: string) => Promise<boolean> };
export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;

// A gateway that hangs must not hold a claimed batch past its lease.
const GATEWAY_TIMEOUT_MS = 10_000;

export function smsChannel(sender: SmsSender): ChannelSender {
  return { send: ({ to, text, idempotencyKey }) => sender.send({ to, text, idempotencyKey }), ...(sender.accepted ? { accepted: sender.accepted } : {}) };
}

/**
 * E-mail over SMTP. SMTP has no idempotency key: the Message-ID is derived from it, which is what
 * receiving servers and mail programs de-duplicate on. The opt-out link is also the
 * List-Unsubscribe header, which mail programs offer as a button (it opens the page; no one-click
 * POST, which would come without this site's Origin).
 */
export function emailChannel(smtpUrl: string, from: string): ChannelSender {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: GATEWAY_TIMEOUT_MS, greetingTimeout: GATEWAY_TIMEOUT_MS, socketTimeout: GATEWAY_TIMEOUT_MS });
  const domain = from.split("@")[1];
  return {
    async send({ to, text, subject, idempotencyKey, optOutUrl }) {
      const messageId = `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@${domain}>`;
      await transport.sendMail({
        from,
        to,
        subject,
        text,
        messageId,
        headers: { "X-Idempotency-Key": idempotencyKey },
        ...(optOutUrl ? { list: { unsubscribe: optOutUrl } } : {}),
      });
    },
  };
}

/** Zalo notification messages through an HTTP adapter shaped like the SMS gateway's. */
export function zaloChannel(url: string, token: string): ChannelSender {
  return {
    async send({ to, text, idempotencyKey }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Idempotency-Key": idempotencyKey },
        body: JSON.stringify({ phone: to, text, idempotencyKey }),
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`Zalo adapter answered ${response.status}`);
    },
    accepted: (idempotencyKey) => askGatewayAccepted(url, `Bearer ${token}`, idempotencyKey),
  };
}

/** The channels an environment configures. */
export function channelsOf(config: OutboxConfig, sms: SmsSender | null): ChannelSenders {
  return {
    ...(sms ? { sms: smsChannel(sms) } : {}),
    ...(config.SMTP_URL && config.MAIL_FROM ? { email: emailChannel(config.SMTP_URL, config.MAIL_FROM) } : {}),
    ...(config.ZALO_URL && config.ZALO_TOKEN ? { zalo: zaloChannel(config.ZALO_URL, config.ZALO_TOKEN) } : {}),
  };
}

let configured: ChannelSenders | undefined;
/** This server's channels. */
export const getChannels = () => (configured ??= channelsOf(outboxConfig, smsConfigured ? getSmsSender() : null));
/** The names of this server's channels, which enqueueing prefers when it chooses one. */
export const configuredChannels = () => new Set(Object.keys(getChannels()) as Channel[]);
