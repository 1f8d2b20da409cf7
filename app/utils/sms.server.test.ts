import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, test } from "vitest";

import { parseSmsConfig } from "./env.server";
import { createSmsSender } from "./sms.server";

const message = { to: "+84912345678", text: "123456 là mã xác nhận", idempotencyKey: "code-1" };

type Received = { method: string; url: string; authorization: string | undefined; contentType: string | undefined; body: unknown };

/**
 * A stand-in for an SMS gateway on 127.0.0.1 that records each message posted and answers `status`;
 * asked about a key (GET ?idempotencyKey=), it says whether a message with it was accepted.
 */
async function fakeGateway(status: number) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    if (request.method === "GET") {
      const key = new URL(request.url ?? "", "http://gateway").searchParams.get("idempotencyKey");
      const accepted = status < 300 && received.some((posted) => (posted.body as { idempotencyKey?: string }).idempotencyKey === key);
      response.writeHead(request.headers.authorization === "Bearer khoa-thu" ? 200 : 401, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted }));
      return;
    }
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: JSON.parse(body) as unknown,
      });
      response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/messages`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const dir = mkdtempSync(path.join(tmpdir(), "plte-sms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SMS senders", () => {
  test("the log sender prints one JSON line per message", async () => {
    const lines: string[] = [];
    await createSmsSender({ SMS_SENDER: "log" }, (line) => lines.push(line)).send(message);

    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "sms", ...message });
  });

  test("the file sender appends one JSON line per message to its file", async () => {
    const file = path.join(dir, "sms.log");
    const sender = createSmsSender({ SMS_SENDER: "file", SMS_FILE: file });
    await sender.send(message);
    await sender.send({ ...message, to: "+84987654321", idempotencyKey: "code-2" });

    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([expect.objectContaining(message), expect.objectContaining({ to: "+84987654321", idempotencyKey: "code-2" })]);
  });

  test("the http sender posts JSON with the API key to the gateway", async () => {
    const gateway = await fakeGateway(202);
    try {
      await createSmsSender({ SMS_SENDER: "http", SMS_GATEWAY_URL: gateway.url, SMS_API_KEY: "khoa-thu" }).send(message);
      expect(gateway.received).toEqual([{ method: "POST", url: "/messages", authorization: "Bearer khoa-thu", contentType: "application/json", body: message }]);
    } finally {
      await gateway.close();
    }
  });

  test("the http sender asks the gateway whether it accepted a key, with the API key", async () => {
    const gateway = await fakeGateway(202);
    try {
      const sender = createSmsSender({ SMS_SENDER: "http", SMS_GATEWAY_URL: gateway.url, SMS_API_KEY: "khoa-thu" });
      expect(await sender.accepted?.("code-1")).toBe(false);
      await sender.send(message);
      expect(await sender.accepted?.("code-1")).toBe(true);
      expect(await sender.accepted?.("code-2")).toBe(false);
      const stranger = createSmsSender({ SMS_SENDER: "http", SMS_GATEWAY_URL: gateway.url, SMS_API_KEY: "sai-khoa" });
      await expect(stranger.accepted?.("code-1")).rejects.toThrow("401");
    } finally {
      await gateway.close();
    }
  });

  test("the file sender knows the keys it has written", async () => {
    const sender = createSmsSender({ SMS_SENDER: "file", SMS_FILE: path.join(dir, "asked.log") });
    expect(await sender.accepted?.("code-1")).toBe(false);
    await sender.send(message);
    expect(await sender.accepted?.("code-1")).toBe(true);
    expect(await sender.accepted?.("code-2")).toBe(false);
  });

  test("the http sender fails when the gateway refuses the message", async () => {
    const gateway = await fakeGateway(500);
    try {
      const sender = createSmsSender({ SMS_SENDER: "http", SMS_GATEWAY_URL: gateway.url, SMS_API_KEY: "khoa-thu" });
      await expect(sender.send(message)).rejects.toThrow("SMS gateway answered 500");
      expect(gateway.received).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});

describe("SMS configuration", () => {
  test("the log sender is the default; a sender without the settings it needs is refused", () => {
    expect(parseSmsConfig({})).toEqual({ SMS_SENDER: "log" });
    expect(parseSmsConfig({ SMS_SENDER: "file", SMS_FILE: "data/sms.log" })).toEqual({ SMS_SENDER: "file", SMS_FILE: "data/sms.log" });
    expect(() => parseSmsConfig({ SMS_SENDER: "file" })).toThrow();
    expect(() => parseSmsConfig({ SMS_SENDER: "http", SMS_GATEWAY_URL: "https://sms.example.vn/send" })).toThrow("SMS_API_KEY");
    expect(() => parseSmsConfig({ SMS_SENDER: "http", SMS_GATEWAY_URL: "ftp://sms.example.vn", SMS_API_KEY: "k" })).toThrow("SMS_GATEWAY_URL");
    expect(() => parseSmsConfig({ SMS_SENDER: "carrier-pigeon" })).toThrow();
  });
});
