import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { parseOutboxConfig } from "#app/utils/env.server";

import { emailChannel, zaloChannel } from "./channels.server";

const delivery = { to: "ba.tu@example.vn", subject: "Hồ sơ đã được duyệt", text: "Mã chứng nhận: CN-7K2Q", idempotencyKey: "certification:event-1" };

describe("the e-mail channel", () => {
  const arrived: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        arrived.push(mail);
        callback();
      }, callback);
    },
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

  test("a message arrives over SMTP with its subject and text, its Message-ID derived from the idempotency key", async () => {
    const channel = emailChannel(`smtp://127.0.0.1:${port}`, "phuong@example.gov.vn");
    await channel.send(delivery);
    await channel.send(delivery);
    expect(arrived).toHaveLength(2);
    expect(arrived[0]).toMatchObject({ subject: "Hồ sơ đã được duyệt", text: "Mã chứng nhận: CN-7K2Q\n" });
    expect(arrived[0]?.from?.text).toBe("phuong@example.gov.vn");
    expect(arrived[0]?.messageId).toMatch(/^<[0-9a-f]{32}@example\.gov\.vn>$/);
    // A resend after a crash carries the same Message-ID, which mail programs show once.
    expect(arrived[1]?.messageId).toBe(arrived[0]?.messageId);
  });

  test("the opt-out link is the List-Unsubscribe header too, which mail programs offer as a button", async () => {
    const channel = emailChannel(`smtp://127.0.0.1:${port}`, "phuong@example.gov.vn");
    await channel.send({ ...delivery, idempotencyKey: "certification:event-2", optOutUrl: "https://taphuan.example.gov.vn/tu-choi/AbCdEfGhIjKlMnOp" });
    const header = arrived.at(-1)?.headerLines.find((line) => line.key === "list-unsubscribe");
    expect(header?.line).toBe("List-Unsubscribe: <https://taphuan.example.gov.vn/tu-choi/AbCdEfGhIjKlMnOp>");
  });
});

describe("the Zalo channel", () => {
  const received: { authorization?: string; key?: string; body: unknown }[] = [];
  let answer = 200;
  const server = createServer((request, response) => {
    if (request.method === "GET") {
      const key = new URL(request.url ?? "", "http://adapter").searchParams.get("idempotencyKey");
      const accepted = answer === 200 && received.some((posted) => posted.key === key);
      response.writeHead(request.headers.authorization === "Bearer zalo-token" ? 200 : 401, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted }));
      return;
    }
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ authorization: request.headers.authorization, key: request.headers["idempotency-key"] as string, body: JSON.parse(body) });
      response.writeHead(answer).end();
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zns`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("a message is posted to the adapter with the token and the idempotency key, and a refusal rejects", async () => {
    const channel = zaloChannel(url, "zalo-token");
    await channel.send({ ...delivery, to: "+84901234567" });
    expect(received).toEqual([
      {
        authorization: "Bearer zalo-token",
        key: "certification:event-1",
        body: { phone: "+84901234567", text: "Mã chứng nhận: CN-7K2Q", idempotencyKey: "certification:event-1" },
      },
    ]);
    expect(await channel.accepted?.("certification:event-1")).toBe(true);
    expect(await channel.accepted?.("certification:event-9")).toBe(false);
    answer = 503;
    await expect(channel.send({ ...delivery, to: "+84901234567" })).rejects.toThrow("503");
  });
});

test("a channel half configured is refused at start", () => {
  expect(() => parseOutboxConfig({ SMTP_URL: "smtp://mail.example.gov.vn:587" })).toThrow("MAIL_FROM");
  expect(() => parseOutboxConfig({ ZALO_URL: "https://zalo.example.vn/zns" })).toThrow("ZALO_TOKEN");
  expect(() => parseOutboxConfig({ SMTP_URL: "http://mail.example.gov.vn", MAIL_FROM: "a@b.vn" })).toThrow("SMTP_URL");
  expect(parseOutboxConfig({ SMTP_URL: "", MAIL_FROM: "" })).toMatchObject({ OUTBOX_RATE: 20, OUTBOX_MAX_ATTEMPTS: 5 });
});
