// Each question is one field named after it, answered "yes" or "no".
export const FIELD_PREFIX = "a.";

/** The answers of a posted self-assessment form: question id → the answer sent, checked by the model. */
export function readAssessmentForm(formData: FormData) {
  const given: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (name.startsWith(FIELD_PREFIX) && typeof value === "string") given[name.slice(FIELD_PREFIX.length)] = value;
  }
  return given;
}
