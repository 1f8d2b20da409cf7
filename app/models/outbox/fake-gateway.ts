import type { ChannelSender, Delivery } from "./channels.server";

/**
 * A gateway as the real ones behave: a key it has already accepted is acknowledged and not sent
 * again, and can be asked about (`lookups` is false for one that cannot). `received` counts every
 * hand-over, `delivered` what reached a phone or mailbox.
 */
export function createFakeGateway(options: { failFirst?: number; lookups?: boolean } = {}) {
  const received: Delivery[] = [];
  const delivered = new Map<string, Delivery>();
  let failuresLeft = options.failFirst ?? 0;
  const sender: ChannelSender = {
    async send(delivery) {
      received.push(delivery);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("gateway unavailable");
      }
      if (!delivered.has(delivery.idempotencyKey)) delivered.set(delivery.idempotencyKey, delivery);
    },
    ...(options.lookups === false ? {} : { accepted: async (idempotencyKey: string) => delivered.has(idempotencyKey) }),
  };
  return { sender, received, delivered };
}
