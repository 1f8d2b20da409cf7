import { appendFile, readFile } from "node:fs/promises";

import { smsConfig, type SmsConfig } from "./env.server";

export type SmsMessage = {
  /** E.164, "+84912345678" */
  to: string;
  text: string;
  /** The same key for a retried message, so that a gateway can send it once. */
  idempotencyKey?: string;
};

/**
 * Sends one text message; a message that could not be handed over rejects. A sender that can ask
 * its gateway whether it already accepted an idempotency key has `accepted`: the outbox asks before
 * handing a message over again whose earlier hand-over was never recorded (a crash, a timeout).
 */
export type SmsSender = { send: (message: SmsMessage) => Promise<void>; accepted?: (idempotencyKey: string) => Promise<boolean> };

// A gateway that hangs must not hold the request that asked for a code.
const GATEWAY_TIMEOUT_MS = 10_000;

/** One JSON line per message in the server log, shaped like server.js's own lines. */
function logSender(write: (line: string) => void): SmsSender {
  return {
    async send(message) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "sms", ...message })}\n`);
    },
  };
}

function fileSender(file: string): SmsSender {
  return {
    async send(message) {
      await appendFile(file, `${JSON.stringify({ time: new Date().toISOString(), ...message })}\n`);
    },
    async accepted(idempotencyKey) {
      const lines = await readFile(file, "utf8").catch(() => "");
      return lines.split("\n").some((line) => line !== "" && (JSON.parse(line) as SmsMessage).idempotencyKey === idempotencyKey);
    },
  };
}

/**
 * Asks an HTTP gateway whether it has accepted a message with this idempotency key:
 * `GET <url>?idempotencyKey=<key>` with the same authorisation as the hand-over, answered
 * `{"accepted": true|false}`. The SMS gateway and the Zalo adapter share this contract (README).
 */
export async function askGatewayAccepted(url: string, authorization: string, idempotencyKey: string) {
  const lookup = new URL(url);
  lookup.searchParams.set("idempotencyKey", idempotencyKey);
  const response = await fetch(lookup, { headers: { Authorization: authorization }, signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`gateway answered ${response.status} to a look-up`);
  }
  const { accepted } = (await response.json()) as { accepted?: unknown };
  return accepted === true;
}

function httpSender(url: string, apiKey: string): SmsSender {
  return {
    async send({ to, text, idempotencyKey }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ to, text, idempotencyKey }),
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
      // The gateway's answer body is not read: it may echo the message, which holds a code.
      await response.body?.cancel();
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
    accepted: (idempotencyKey) => askGatewayAccepted(url, `Bearer ${apiKey}`, idempotencyKey),
  };
}

/** The sender a configuration names; `write` is where the log sender prints. */
export function createSmsSender(config: SmsConfig, write: (line: string) => void = (line) => process.stdout.write(line)): SmsSender {
  switch (config.SMS_SENDER) {
    case "log":
      return logSender(write);
    case "file":
      return fileSender(config.SMS_FILE);
    case "http":
      return httpSender(config.SMS_GATEWAY_URL, config.SMS_API_KEY);
  }
}

let configured: SmsSender | undefined;

/** The sender of this server's configuration (SMS_SENDER). */
export function getSmsSender() {
  return (configured ??= createSmsSender(smsConfig));
}
