import { describe, expect, test, vi } from "vitest";

import { optOutTokens } from "#app/models/outbox/opt-out.server";
import { action as replyAction } from "#app/routes/api.sms-reply";
import { action as linkAction, loader as linkLoader } from "#app/routes/tu-choi.$token";
import { prisma } from "#app/utils/db.server";
import { uniquePhone } from "#tests/fixtures/units";

// The gateway's shared secret, read by env.server.ts when it is first imported.
vi.hoisted(() => {
  process.env.SMS_REPLY_TOKEN = "reply-secret-of-the-gateway";
});

const call = async (run: () => Promise<unknown>) => {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};
const reply = (body: unknown, authorization = "Bearer reply-secret-of-the-gateway", type = "application/json") =>
  call(() =>
    replyAction({
      request: new Request("http://localhost/api/sms-reply", {
        method: "POST",
        headers: { "Content-Type": type, Authorization: authorization },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      params: {},
      context: {},
    }),
  );
const optedOut = (address: string) => prisma.messageOptOut.findUnique({ where: { address }, select: { source: true, channel: true } });

describe("POST /api/sms-reply, the gateway's forwarded replies", () => {
  test("a reply TU CHOI from a number opts it out; the answer is the same whether the number is known or not", async () => {
    const phone = uniquePhone();
    const response = await reply({ from: `0${phone.slice(3)}`, text: "Từ chối" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ optedOut: true });
    expect(await optedOut(phone)).toEqual({ source: "reply", channel: "sms" });
    const zalo = uniquePhone();
    expect(await (await reply(`from=${encodeURIComponent(zalo)}&text=tu+choi&channel=zalo`, undefined, "application/x-www-form-urlencoded")).json()).toEqual({ optedOut: true });
    expect(await optedOut(zalo)).toEqual({ source: "reply", channel: "zalo" });
  });

  test("another reply changes nothing", async () => {
    const phone = uniquePhone();
    expect(await (await reply({ from: phone, text: "Toi se den" })).json()).toEqual({ optedOut: false });
    expect(await optedOut(phone)).toBeNull();
  });

  test("without the gateway's secret it is refused; a body that is not {from, text} is a 400", async () => {
    const phone = uniquePhone();
    expect((await reply({ from: phone, text: "TU CHOI" }, "Bearer wrong-secret-of-the-gateway")).status).toBe(403);
    expect((await reply({ from: phone, text: "TU CHOI" }, "")).status).toBe(403);
    expect(await optedOut(phone)).toBeNull();
    expect((await reply({ text: "TU CHOI" })).status).toBe(400);
    expect((await reply({ from: "not a phone", text: "TU CHOI" })).status).toBe(400);
    expect((await reply("{broken")).status).toBe(400);
  });
});

describe("/tu-choi/<token>, the link every message ends with", () => {
  test("the page shows the address masked; its button opts the address out; a made-up link is a 404", async () => {
    const phone = uniquePhone();
    const token = (await optOutTokens([phone])).get(phone)!;
    const args = (request: Request) => ({ request, params: { token }, context: {} });
    expect(await linkLoader(args(new Request(`http://localhost/tu-choi/${token}`)))).toEqual({ address: `0${phone.slice(3, 6)} *** ${phone.slice(-3)}`, optedOutOn: null });
    const posted = await call(() =>
      linkAction(args(new Request(`http://localhost/tu-choi/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "" }))),
    );
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`/tu-choi/${token}?da-tu-choi=1`);
    expect(await optedOut(phone)).toEqual({ source: "link", channel: null });
    expect(await linkLoader(args(new Request(`http://localhost/tu-choi/${token}`)))).toMatchObject({ optedOutOn: expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/) });
    for (const madeUp of ["AAAAAAAAAAAAAAAA", "short", `${token}x`]) {
      const response = await call(() => linkLoader({ request: new Request(`http://localhost/tu-choi/${madeUp}`), params: { token: madeUp }, context: {} }));
      expect(response.status).toBe(404);
    }
  });
});
