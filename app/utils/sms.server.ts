import { appendFile } from "node:fs/promises";

import { smsConfig, type SmsConfig } from "./env.server";

export type SmsMessage = {
  /** E.164, "+84912345678" */
  to: string;
  text: string;
  /** The same key for a retried message, so that a gateway can send it once. */
  idempotencyKey?: string;
};

/** Sends one text message; a message that could not be handed over rejects. */
export type SmsSender = { send: (message: SmsMessage) => Promise<void> };

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
  };
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
