import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";
import type { MessageKey } from "#app/i18n/messages";

export const MESSAGES_BY_STATUS: Record<number, { title: MessageKey; body: MessageKey }> = {
  400: { title: "error.400.title", body: "error.400.body" },
  403: { title: "error.403.title", body: "error.403.body" },
  404: { title: "error.404.title", body: "error.404.body" },
  // A method the page does not take (a PUT, say): to the reader, a request that does not fit.
  405: { title: "error.400.title", body: "error.400.body" },
};

type StatusMessages = Partial<Record<number, { title: MessageKey; body: MessageKey }>>;

/**
 * The one error page of the site, with a message per status in the reader's language. A route
 * may say more precisely what was not found (a certificate code, say) through `messages`.
 */
export function GeneralErrorBoundary({ messages: overrides = {} }: { messages?: StatusMessages } = {}) {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500) console.error(error);
  const messages = overrides[status] ?? MESSAGES_BY_STATUS[status] ?? { title: "error.500.title", body: "error.500.body" };
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(messages.title)}</h1>
      <p>{t(messages.body)}</p>
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </section>
  );
}
