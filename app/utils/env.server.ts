import { z } from "zod";

import { parseQuietHours } from "#app/models/outbox/respect";

import { DATABASE_URL_PATTERN } from "./database-url";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(DATABASE_URL_PATTERN, "DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)").default("file:./data/app.db"),
  // Cookies are Secure in production. A ward office serving plain HTTP on its own network
  // (no TLS) must say so explicitly with COOKIE_SECURE=false.
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  // How SQLite syncs a commit to disk (db.server.ts). "normal" survives a killed process;
  // "full" also survives a power cut, at the cost of a disk flush per write (README, Operations).
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  PORT: z.string().regex(/^\d+$/, "PORT must be a number").default("3000"),
  // The site's public address, printed and encoded in the QR code of every certificate: the link
  // must not come from a request's Host header, which the requester chooses.
  PUBLIC_URL: z
    .string()
    .url("PUBLIC_URL must be the site's address, e.g. https://taphuan.example.gov.vn")
    .refine((url) => /^https?:\/\//.test(url), "PUBLIC_URL must start with http:// or https://")
    .optional(),
  // Who operates the platform and answers for its personal data, as the privacy notice names them.
  PRIVACY_OPERATOR: z.string().min(1).default("Ủy ban nhân dân phường vận hành nền tảng"),
  PRIVACY_CONTACT: z.string().min(1).default("bộ phận một cửa của Ủy ban nhân dân phường"),
  // Roster entries that left this many years ago are purged by `npm run data:retention`.
  RETENTION_YEARS: z.coerce.number().int().positive().default(5),
});

// How text messages (phone confirmation codes) leave the server (sms.server.ts): printed to the
// log in development, appended to a file the end-to-end tests read, or posted to an SMS gateway.
const smsSchema = z.discriminatedUnion("SMS_SENDER", [
  z.object({ SMS_SENDER: z.literal("log") }),
  z.object({ SMS_SENDER: z.literal("file"), SMS_FILE: z.string().min(1, "SMS_SENDER=file needs SMS_FILE") }),
  z.object({
    SMS_SENDER: z.literal("http"),
    SMS_GATEWAY_URL: z
      .string()
      .url("SMS_SENDER=http needs SMS_GATEWAY_URL, an http(s) URL")
      .regex(/^https?:\/\//i, "SMS_SENDER=http needs SMS_GATEWAY_URL, an http(s) URL"),
    SMS_API_KEY: z.string().min(1, "SMS_SENDER=http needs SMS_API_KEY"),
  }),
]);
export type SmsConfig = z.infer<typeof smsSchema>;

// The outbox's channels (app/models/outbox/channels.server.ts): each is configured or absent, and
// messages on an absent channel stay queued until it is configured.
const httpUrl = (message: string) =>
  z
    .string()
    .url(message)
    .regex(/^https?:\/\//i, message);
const outboxSchema = z
  .object({
    // e.g. smtp://user:password@mail.example.gov.vn:587 or smtps://…:465
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/]+/i, "SMTP_URL must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().email("MAIL_FROM must be an e-mail address").optional(),
    ZALO_URL: httpUrl("ZALO_URL must be the Zalo notification adapter's http(s) URL").optional(),
    ZALO_TOKEN: z.string().min(1).optional(),
    // Messages handed to gateways per second by one server, and the tries before a message fails.
    OUTBOX_RATE: z.coerce.number().positive().default(20),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
    // How long a claimed message is left to its sender before another one may try it again.
    OUTBOX_LEASE_SECONDS: z.coerce.number().positive().default(60),
    // SMS go without diacritics (one segment holds 160 characters, not 70) unless this is "on".
    OUTBOX_SMS_UNICODE: z.enum(["on", "off"]).default("off"),
    // OUTBOX_SENDER=off: this server queues messages but sends none (another server does).
    OUTBOX_SENDER: z.enum(["on", "off"]).default("on"),
    // No SMS or Zalo from 21:00 to 07:00 Hà Nội time ("21-7"; "off" for none): they wait until then.
    OUTBOX_QUIET_HOURS: z
      .string()
      .default("21-7")
      .transform((value, context) => {
        try {
          return parseQuietHours(value);
        } catch (error) {
          context.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    // At most this many messages to one address a Hà Nội day; more wait until the next day.
    OUTBOX_DAILY_CAP: z.coerce.number().int().positive().default(3),
    // The shared secret of a gateway that forwards replies to POST /api/sms-reply (a "TU CHOI" reply opts out).
    SMS_REPLY_TOKEN: z.string().min(16, "SMS_REPLY_TOKEN must be at least 16 characters").optional(),
  })
  .refine((config) => !config.SMTP_URL || config.MAIL_FROM, { message: "SMTP_URL needs MAIL_FROM, the sender's address", path: ["MAIL_FROM"] })
  .refine((config) => !config.ZALO_URL === !config.ZALO_TOKEN, { message: "ZALO_URL and ZALO_TOKEN go together", path: ["ZALO_TOKEN"] });
export type OutboxConfig = z.infer<typeof outboxSchema>;
/** The outbox settings of an environment; empty strings count as unset. */
export function parseOutboxConfig(source: Record<string, string | undefined>): OutboxConfig {
  return outboxSchema.parse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
}

// Reminders (app/models/reminders.server.ts): a learner who started a course and has not
// touched it for this many days gets one message to come back to it.
const reminderSchema = z.object({ REMINDER_STOPPED_DAYS: z.coerce.number().int().positive().default(14) });
/** The reminder settings of an environment; empty strings count as unset. */
export function parseReminderConfig(source: Record<string, string | undefined>) {
  return reminderSchema.parse({ REMINDER_STOPPED_DAYS: source.REMINDER_STOPPED_DAYS || undefined });
}

export const env = envSchema.parse(process.env);
/** The SMS settings of an environment; a sender without the settings it needs is refused at start. */
export function parseSmsConfig(source: Record<string, string | undefined>): SmsConfig {
  return smsSchema.parse({ ...source, SMS_SENDER: source.SMS_SENDER || "log" });
}
export const smsConfig = parseSmsConfig(process.env);
/** Whether SMS_SENDER was chosen: the "log" default serves phone codes in development, not the outbox. */
export const smsConfigured = Boolean(process.env.SMS_SENDER);
export const outboxConfig = parseOutboxConfig(process.env);
export const reminderConfig = parseReminderConfig(process.env);
const isProduction = env.NODE_ENV === "production";
export const secureCookies = env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : isProduction;
/** The site's address without a trailing slash, e.g. "https://taphuan.example.gov.vn". */
export const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
