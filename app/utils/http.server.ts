// The refusals a route answers with. Thrown from a loader or an action, they render the route's
// ErrorBoundary; a resource route's caller (a PDF link, a script) reads the short body. Models
// return null or a problem value and never a Response: which refusal fits is the route's call.
// The bodies are in Vietnamese first, the site's language, as every message is.

const PLAIN_TEXT = "text/plain; charset=utf-8";

function refusal(status: number, body: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", PLAIN_TEXT);
  return new Response(body, { ...init, status, headers });
}

const BAD_REQUEST = "Yêu cầu không hợp lệ. / Bad request.";

/** A request no page of ours sends (a forged form, a field out of range). */
export function badRequest(init?: ResponseInit) {
  return refusal(400, BAD_REQUEST, init);
}

/** A request that cannot be answered as asked, with the reason and what would be accepted (a date outside the plan). */
export function badRequestBecause(reason: string) {
  return refusal(400, reason);
}

/** A method the route does not take (a PUT, say): to the reader, a request that does not fit. */
export function methodNotAllowed(allow: string) {
  return refusal(405, BAD_REQUEST, { headers: { Allow: allow } });
}

/** A signed-in person whose role may not see the page at all. */
export function forbidden(init?: ResponseInit) {
  return refusal(403, "Không có quyền truy cập. / Forbidden.", init);
}

/**
 * Nothing to show at this address, for this person. Also the answer for a record out of the
 * person's scope, so that an id of another ward is never confirmed to exist.
 */
export function notFound(init?: ResponseInit) {
  return refusal(404, "Không tìm thấy. / Not found.", init);
}

const REFUSALS = { 400: badRequest, 403: forbidden, 404: notFound } as const;

/** Continues only when the condition holds; otherwise throws the refusal given (a status or a Response). */
export function invariantResponse(condition: unknown, answer: keyof typeof REFUSALS | Response): asserts condition {
  if (condition) return;
  throw typeof answer === "number" ? REFUSALS[answer]() : answer;
}
