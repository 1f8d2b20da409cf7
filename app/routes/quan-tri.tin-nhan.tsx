import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { messageTemplateName } from "#app/content/messages.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listOutboxMessages } from "#app/models/outbox/admin-list.server";
import { configuredChannels } from "#app/models/outbox/channels.server";
import { CHANNELS, OUTBOX_STATUSES, type Channel, type OutboxStatus } from "#app/models/outbox/types";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, formatTime } from "#app/utils/dates";
import { outboxConfig } from "#app/utils/env.server";
import { parseListQuery } from "#app/utils/list-query";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "outbox.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function statusSchema() {
  return z.enum(OUTBOX_STATUSES).catch("queued");
}

const REASONS = ["quiet_hours", "daily_cap", "opted_out"] as const;
const reasonKey = (reason: string | null): MessageKey | null => (REASONS.includes(reason as (typeof REASONS)[number]) ? (`outbox.reason.${reason}` as MessageKey) : null);
const statusKey = (status: OutboxStatus) => `outbox.status.${status}` as const satisfies MessageKey;
const channelKey = (channel: Channel) => `outbox.channel.${channel}` as const satisfies MessageKey;

/**
 * The outbox as the administrators see it (issue 22, item 6): the messages about their scope's
 * wards by status, each with its recipient masked as lists mask phones, what it is about, and
 * what happened to it (when it goes, why it waits or was cancelled, the gateway's last error).
 * Ward admins see their ward's, the city's admins every ward's and the messages about no ward.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const status = statusSchema().parse(new URL(request.url).searchParams.get("trang-thai"));
  const { page } = parseListQuery(request);
  const [lang, list] = await Promise.all([getLang(request), listOutboxMessages(admin, { status, page })]);
  const configured = configuredChannels();
  const quiet = outboxConfig.OUTBOX_QUIET_HOURS;
  return {
    status,
    counts: list.counts,
    total: list.total,
    page,
    pageCount: list.pageCount,
    configured: CHANNELS.filter((channel) => configured.has(channel)),
    rules: { quiet, cap: outboxConfig.OUTBOX_DAILY_CAP },
    messages: list.messages.map((message) => ({
      id: message.id,
      template: messageTemplateName(message.templateKey, lang),
      recipient: message.recipient,
      channel: message.channel as Channel,
      channelConfigured: configured.has(message.channel as Channel),
      ward: message.ward,
      created: { date: formatDate(message.createdAt), time: formatTime(message.createdAt) },
      next: message.status === "queued" ? { date: formatDate(message.nextAttemptAt), time: formatTime(message.nextAttemptAt) } : null,
      sent: message.sentAt ? { date: formatDate(message.sentAt), time: formatTime(message.sentAt) } : null,
      attempts: message.attempts,
      reason: message.reason,
      lastError: message.lastError,
    })),
  };
}

export default function OutboxPage() {
  const t = useT();
  const { status, counts, total, page, pageCount, configured, rules, messages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {configured.length === 0 ? (
        <p className="callout callout--warning" data-testid="no-channel">
          {t("outbox.noChannel")}
        </p>
      ) : (
        <p>{t("outbox.channels", { channels: configured.map((channel) => t(channelKey(channel))).join(", ") })}</p>
      )}
      <p className="muted">{rules.quiet ? t("outbox.rules", { start: rules.quiet.start, end: rules.quiet.end, cap: rules.cap }) : t("outbox.rulesNoQuiet", { cap: rules.cap })}</p>

      <nav aria-label={t("outbox.countsCaption")}>
        <ul className="status-links">
          {OUTBOX_STATUSES.map((candidate) => (
            <li key={candidate}>
              <Link to={`?trang-thai=${candidate}`} aria-current={candidate === status ? "page" : undefined}>
                {t(statusKey(candidate))} ({counts[candidate]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2>{t("outbox.listCaption", { status: t(statusKey(status)) })}</h2>
      <p>{t("outbox.count", { count: total })}</p>
      <ul className="record-list" data-testid="outbox-messages">
        {messages.map((message) => {
          const reason = reasonKey(message.reason);
          return (
            <li key={message.id} className="record">
              <span className="record__title">{message.template}</span>
              <span>
                {message.recipient} · {t(channelKey(message.channel))}
                {message.ward ? ` · ${message.ward}` : null}
              </span>
              <span className="muted">
                {message.sent ? t("outbox.sentAt", message.sent) : message.next ? t("outbox.waitsUntil", message.next) : t("outbox.createdAt", message.created)}
              </span>
              <span>
                {reason ? <span className="status">{t(reason)} </span> : null}
                {status === "queued" && !message.channelConfigured ? <span>{t("outbox.channelMissing")} </span> : null}
                {message.attempts > 0 && !message.sent ? <span className="muted">{t("outbox.attempts", { count: message.attempts })} </span> : null}
                {message.lastError ? <span className="muted">{t("outbox.lastError", { error: message.lastError })}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      {messages.length === 0 ? <p>{t("outbox.none")}</p> : null}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
