import { timingSafeEqual } from "node:crypto";

import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { isOptOutReply, recordOptOut } from "#app/models/outbox/opt-out.server";
import { outboxConfig } from "#app/utils/env.server";
import { readForm } from "#app/utils/forms.server";
import { badRequestBecause, forbidden, methodNotAllowed } from "#app/utils/http.server";
import { normalisePhone } from "#app/utils/phone";

const replySchema = z.object({
  from: z.string().max(40),
  text: z.string().max(2000),
  channel: z.enum(["sms", "zalo"]).default("sms"),
});

function sameSecret(given: string, expected: string) {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Replies forwarded by an SMS (or Zalo) gateway (issue 22, item 6): POST JSON `{from, text}` (or a
 * form with the same fields; `channel` "sms" or "zalo", SMS when left out) with
 * `Authorization: Bearer <SMS_REPLY_TOKEN>`. A reply that reads "TU CHOI" (case, diacritics, spaces
 * and punctuation aside) opts the number out of every message from then on. The gateway is a
 * machine with a shared secret, not a browser with a cookie: server.js lets this one address
 * through without a page's Origin. The answer says whether the reply opted out, never whether the
 * number is known. Without SMS_REPLY_TOKEN every request is refused.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed("POST");
  const expected = outboxConfig.SMS_REPLY_TOKEN;
  const given = /^Bearer (\S+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  if (!expected || !given || !sameSecret(given, expected)) throw forbidden();
  const type = request.headers.get("Content-Type") ?? "";
  let body: unknown;
  try {
    body = /^application\/json\b/i.test(type) ? await request.json() : Object.fromEntries(await readForm(request));
  } catch {
    throw badRequestBecause("Nội dung không đọc được. / The body does not parse: send JSON {from, text}.");
  }
  const reply = replySchema.safeParse(body);
  if (!reply.success) throw badRequestBecause("Cần {from, text}. / Expected {from, text}.");
  const phone = normalisePhone(reply.data.from);
  if (!phone) throw badRequestBecause("`from` không phải số điện thoại Việt Nam. / `from` is not a Vietnamese phone number.");
  const optedOut = isOptOutReply(reply.data.text);
  if (optedOut) await recordOptOut(phone, { source: "reply", channel: reply.data.channel });
  return json({ optedOut }, { headers: { "Cache-Control": "no-store" } });
}
