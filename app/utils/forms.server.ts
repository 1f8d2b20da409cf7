import { json } from "@remix-run/node";

import type { MessageKey } from "#app/i18n/messages";

import type { EchoedValues, FieldErrors } from "./forms";

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
