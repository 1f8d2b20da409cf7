import { type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";

import { getCatalogue } from "#app/content/catalogue.server";
import { LessonHtmlSource } from "#app/components/lesson";
import { findRenderedHtml, prerenderLessons } from "#app/content/lesson-html.server";
import { startOutboxSender } from "#app/models/outbox/sender.server";
import { startReminders } from "#app/models/reminders.server";
import { failInterruptedImports } from "#app/models/roster-import/jobs.server";
import { carriesSession } from "#app/utils/auth.server";
import { outboxConfig } from "#app/utils/env.server";
import { renderHtmlResponse } from "#app/utils/html-stream.server";
import { NonceContext } from "#app/utils/nonce";

// server.js runs each HTTP request in a scope its loaders share (one session lookup per page).
export { runInRequestScope } from "#app/utils/request-scope.server";

const ABORT_DELAY_MS = 5_000;

// Load, compile and render the training content while the server starts, never on a learner's
// request; broken content stops the start with the reasons.
prerenderLessons(await getCatalogue());

// A roster import a crash or a stop interrupted wrote nothing (one transaction): say so on its page.
await failInterruptedImports();

// Messages leave from the outbox (docs/decisions/014-outbox.md); `remix dev` re-evaluates this
// module on rebuild, and one sender per process is enough. The reminders are queued by the servers
// that send: a server told not to send (OUTBOX_SENDER=off) leaves the outbox to the others.
const globalForOutbox = globalThis as unknown as { outboxSender?: ReturnType<typeof startOutboxSender>; reminders?: ReturnType<typeof startReminders> };
if (outboxConfig.OUTBOX_SENDER === "on") {
  globalForOutbox.outboxSender ??= startOutboxSender();
  globalForOutbox.reminders ??= startReminders();
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  if (carriesSession(request)) responseHeaders.set("Cache-Control", NOT_STORED);
  // Bots get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return renderHtmlResponse(
    <NonceContext.Provider value={nonce}>
      <LessonHtmlSource.Provider value={findRenderedHtml}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </LessonHtmlSource.Provider>
    </NonceContext.Provider>,
    { status: responseStatusCode, headers: responseHeaders, nonce, waitForAll, abortDelayMs: ABORT_DELAY_MS },
  );
}

// Pages and their data for a signed-in person; files (exports, PDFs) say so themselves.
const NOT_STORED = "no-store";

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (carriesSession(request)) response.headers.set("Cache-Control", NOT_STORED);
  return response;
};

// A 403 or 404 is an answer, not a fault: log only what an operator must look at.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
};
