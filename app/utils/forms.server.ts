import { json } from "@remix-run/node";

import type { MessageKey } from "#app/i18n/messages";

import type { EchoedValues, FieldErrors } from "./forms";
import { badRequest, methodNotAllowed } from "./http.server";
import { safeRedirect } from "./redirect";

type Problem = { errors?: FieldErrors; message?: MessageKey; values?: EchoedValues };

/**
 * The answer to a form that cannot be accepted: what is wrong per field or about the whole
 * form, and what was typed, so that a page rendered without JavaScript keeps it.
 */
export function rejectForm(problem: Problem, status = 400) {
  const errors: FieldErrors = problem.errors ?? {};
  const message: MessageKey | null = problem.message ?? null;
  const values: EchoedValues = problem.values ?? {};
  return json({ errors, message, values }, { status });
}

// What a form of ours sends (the roster import is the multipart one).
const FORM_CONTENT_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * A request our forms could have sent: a POST of a form. Anything else (a JSON body, a PUT or a
 * DELETE) is answered with the error page before the action reads or writes anything.
 */
export function requireFormPost(request: Request) {
  if (request.method !== "POST") throw methodNotAllowed("GET, POST");
  if (!FORM_CONTENT_TYPE.test(request.headers.get("Content-Type") ?? "")) throw badRequest();
}

/** The posted form; a body that does not parse as the form it claims to be is a 400, not a 500. */
export async function readForm(request: Request) {
  requireFormPost(request);
  try {
    return await request.formData();
  } catch {
    throw badRequest();
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/**
 * Where to go after the form (see safeRedirect). Our pages write `redirectTo` from the address
 * bar, where control characters are percent-encoded: a raw one means a forged request, refused
 * before the action writes anything.
 */
export function requireRedirectTarget(formData: FormData, fallback = "/") {
  const to = formData.get("redirectTo");
  if (typeof to === "string" && CONTROL_CHARACTER.test(to)) throw badRequest();
  return safeRedirect(to, fallback);
}
