export const CHANNELS = ["sms", "email", "zalo"] as const;
export type Channel = (typeof CHANNELS)[number];
export const isChannel = (value: unknown): value is Channel => CHANNELS.includes(value as Channel);

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Values a template's `{name}` placeholders are filled with. */
export type MessageVariables = Record<string, string | number>;

/**
 * One message to enqueue. Give `recipientUserId` (the person's preferred channel, then SMS, then
 * e-mail, to the phone or e-mail of their account) or `to` (an address without an account, or a
 * channel the caller chose), or both (`to` wins, the message stays linked to the account).
 */
export type MessageInput = {
  recipientUserId?: string | null;
  to?: { channel: Channel; address: string } | null;
  /** A key of content/messages.yml */
  template: string;
  variables: MessageVariables;
  /** What the message is about, e.g. `review:<applicationId>:<eventId>`; one message per key, ever. */
  idempotencyKey: string;
  /** The ward the message concerns, so that a list of its queued and failed messages can be scoped to it. */
  unitId?: string | null;
  locale?: "vi" | "en";
  /** Not sent before then (defaults to now). */
  notBefore?: Date;
};
