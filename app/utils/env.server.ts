import { z } from "zod";

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

export const env = envSchema.parse(process.env);
/** The SMS settings of an environment; a sender without the settings it needs is refused at start. */
export function parseSmsConfig(source: Record<string, string | undefined>): SmsConfig {
  return smsSchema.parse({ ...source, SMS_SENDER: source.SMS_SENDER || "log" });
}
export const smsConfig = parseSmsConfig(process.env);
const isProduction = env.NODE_ENV === "production";
export const secureCookies = env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : isProduction;
/** The site's address without a trailing slash, e.g. "https://taphuan.example.gov.vn". */
export const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
