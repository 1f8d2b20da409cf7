// The end-to-end suite's SMS gateway and mail server (playwright.config.ts starts this beside the
// app server, which sends to them as it would to real ones: SMS_SENDER=http and SMTP_URL).
//   POST /sms   the SMS gateway: {to, text, idempotencyKey} with the API key, de-duplicated by key
//               as real gateways do (app/models/outbox/fake-gateway.ts); each message delivered is
//               also a line of SMS_FILE, where the phone-code tests read their codes
//   GET  /sms?idempotencyKey=K   whether a message with key K was accepted (the look-up contract)
//   GET  /sms   every SMS handed over, duplicates included; GET /mail every e-mail that arrived,
//               read from the SMTP server with mailparser
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";

import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

import { createFakeGateway } from "#app/models/outbox/fake-gateway";

export type ReceivedSms = { to: string; text: string; idempotencyKey: string };
export type ReceivedMail = { to: string; subject: string; text: string; messageId: string };

const { GATEWAY_PORT, SMTP_PORT, SMS_API_KEY, SMS_FILE } = process.env;
if (!GATEWAY_PORT || !SMTP_PORT || !SMS_API_KEY || !SMS_FILE) throw new Error("fake-gateways needs GATEWAY_PORT, SMTP_PORT, SMS_API_KEY and SMS_FILE");

const sms = createFakeGateway();
const mails: ReceivedMail[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(", ") : (mail.to?.text ?? "");
      mails.push({ to, subject: mail.subject ?? "", text: mail.text ?? "", messageId: mail.messageId ?? "" });
      callback();
    }, callback);
  },
});
smtp.listen(Number(SMTP_PORT), "127.0.0.1");

const json = (value: unknown) => JSON.stringify(value);

createServer((request, response) => {
  const asked = new URL(request.url ?? "", "http://gateway");
  if (request.method === "GET" && asked.pathname === "/sms" && asked.searchParams.has("idempotencyKey")) {
    const accepted = sms.delivered.has(asked.searchParams.get("idempotencyKey") ?? "");
    response.writeHead(request.headers.authorization === `Bearer ${SMS_API_KEY}` ? 200 : 401, { "Content-Type": "application/json" }).end(json({ accepted }));
    return;
  }
  if (request.method === "GET") {
    const body = request.url === "/sms" ? json(sms.received) : request.url === "/mail" ? json(mails) : "ok";
    response.writeHead(200, { "Content-Type": "application/json" }).end(body);
    return;
  }
  if (request.method !== "POST" || request.url !== "/sms" || request.headers.authorization !== `Bearer ${SMS_API_KEY}`) {
    response.writeHead(request.url === "/sms" ? 401 : 404).end();
    return;
  }
  let body = "";
  request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
  request.on("end", () => {
    const message = JSON.parse(body) as { to: string; text: string; idempotencyKey?: string };
    const idempotencyKey = message.idempotencyKey ?? randomUUID();
    const isNew = !sms.delivered.has(idempotencyKey);
    void sms.sender.send({ to: message.to, text: message.text, subject: "", idempotencyKey }).then(() => {
      if (isNew) appendFileSync(SMS_FILE, `${json({ time: new Date().toISOString(), to: message.to, text: message.text, idempotencyKey })}\n`);
      response.writeHead(200, { "Content-Type": "application/json" }).end(json({ accepted: true }));
    });
  });
}).listen(Number(GATEWAY_PORT), "127.0.0.1");
