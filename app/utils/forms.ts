import { z } from "zod";

import { isMessageKey, type MessageKey } from "#app/i18n/messages";
import { readBirthYear } from "./birth-year";
import { normalisePhone } from "./phone";
import { cleanText } from "./text";

// Schemas carry message keys, not sentences: the page shows them in the reader's language.
const message = (key: MessageKey) => key;

// Control characters (other than tab and line breaks) and bidirectional overrides have no place in
// a name or a message: they hide or reorder text when it is shown or exported.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]*$/;

/** A posted text field; missing or not text (a file, say) reads as "required". */
export const text = () =>
  z.string({ required_error: message("form.required"), invalid_type_error: message("form.required") }).regex(NO_CONTROL_CHARACTERS, message("form.controlCharacters"));

export const fullNameField = text().trim().min(2, message("form.fullName.short")).max(100, message("form.tooLong"));

export const phoneField = text()
  .max(30, message("form.phone.invalid"))
  .transform((value, ctx) => {
    const phone = normalisePhone(value);
    if (!phone) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: message("form.phone.invalid") });
      return z.NEVER;
    }
    return phone;
  });

/** An optional year of birth: null when left empty (or not posted). */
export const optionalBirthYearField = text()
  .optional()
  .transform((value, ctx) => {
    const year = readBirthYear(value ?? "");
    if (year === "invalid") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: message("form.birthYear.invalid") });
      return z.NEVER;
    }
    return year;
  });

export const optionalEmailField = text()
  .trim()
  .toLowerCase()
  .max(254, message("form.tooLong"))
  .refine((value) => value === "" || z.string().email().safeParse(value).success, message("form.email.invalid"))
  .transform((value) => (value === "" ? null : value));

export const newPasswordField = text().min(8, message("form.password.short")).max(200, message("form.tooLong"));

export const requiredField = text().trim().min(1, message("form.required")).max(200, message("form.tooLong"));

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** What the person typed, shown again beside the errors; secrets are never sent back. */
export type EchoedValues = Record<string, string>;

type FormResult<T> = { ok: true; data: T; values: EchoedValues } | { ok: false; errors: FieldErrors; values: EchoedValues };

const SECRET_FIELD = /password|code/i;
const ECHO_LIMIT = 500;

function echoValues(values: Record<string, unknown>): EchoedValues {
  const echoed: EchoedValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string" && !SECRET_FIELD.test(key)) echoed[key] = value.slice(0, ECHO_LIMIT);
  }
  return echoed;
}

// A password is kept exactly as typed: its spaces and characters are the person's choice.
const VERBATIM_FIELD = /password/i;

/**
 * Reads a posted form through a schema. Every text field but a password is cleaned first
 * (cleanText: NFC, invisible characters removed, one space, trimmed; our forms have no
 * multi-line fields), so that no schema can forget it. Each field keeps its first problem; a
 * field posted twice is read once, so arrays never reach a schema that expects a string.
 */
export function parseForm<T extends z.ZodTypeAny>(formData: FormData, schema: T): FormResult<z.output<T>> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const value = formData.get(key);
    if (typeof value !== "string") values[key] = value;
    else values[key] = VERBATIM_FIELD.test(key) ? value.replace(/\0/g, "") : cleanText(value.replace(/\0/g, ""));
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values: echoValues(values) };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "form.invalid";
  }
  return { ok: false, errors, values: echoValues(values) };
}
