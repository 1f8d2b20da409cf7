import { z } from "zod";

import { getCatalogue } from "#app/content/catalogue.server";
import { isTargetGroup } from "#app/content/programme.server";
import type { SessionFields } from "#app/models/training-session-changes.server";
import { TRAINING_SESSION_KINDS } from "#app/models/training-session.server";
import { parseIsoDay } from "#app/utils/dates";
import { parseForm, requiredField, type EchoedValues, type FieldErrors } from "#app/utils/forms";

/** yyyy-mm-dd from a date input, a real calendar date (no 31/02), not in the future. */
const heldOnField = z
  .string({ required_error: "form.required", invalid_type_error: "form.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "trainingSessions.date.invalid")
  .transform((value, ctx) => {
    const date = parseIsoDay(value);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "trainingSessions.date.invalid" });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "trainingSessions.date.future" });
      return z.NEVER;
    }
    return date;
  });

const trainingSessionSchema = z.object({
  unitId: requiredField,
  heldOn: heldOnField,
  place: requiredField,
  kind: z.enum(TRAINING_SESSION_KINDS, { errorMap: () => ({ message: "form.invalid" }) }),
  trainer: requiredField,
  headcount: z
    .union([z.literal(""), z.coerce.number({ invalid_type_error: "trainingSessions.headcount.invalid" })])
    .transform((value) => (value === "" ? null : value))
    .pipe(z.number().int("trainingSessions.headcount.invalid").min(0, "trainingSessions.headcount.invalid").max(100_000, "trainingSessions.headcount.invalid").nullable()),
  headcountGroup: z.string().transform((value) => value || null),
});

type SessionFormResult = { ok: true; data: SessionFields; confirmedDuplicate: boolean; values: EchoedValues } | { ok: false; errors: FieldErrors; values: EchoedValues };

/** The session form of the new and edit pages, read and checked against the catalogue and programme. */
export async function readTrainingSessionForm(formData: FormData): Promise<SessionFormResult> {
  const form = parseForm(formData, trainingSessionSchema);
  if (!form.ok) return form;
  const known = new Set((await getCatalogue()).courses.map((course) => course.slug));
  const courseSlugs = formData.getAll("course").filter((slug): slug is string => typeof slug === "string" && known.has(slug));
  // Echoed as one comma-separated value so that the ticked courses survive a refused post.
  const values = { ...form.values, course: courseSlugs.join(",") };
  if (courseSlugs.length === 0) return { ok: false, errors: { course: "trainingSessions.courses.missing" }, values };
  const { headcount, headcountGroup } = form.data;
  if (headcount && !(headcountGroup && isTargetGroup(headcountGroup))) return { ok: false, errors: { headcountGroup: "trainingSessions.headcountGroup.missing" }, values };
  return {
    ok: true,
    data: { ...form.data, courseSlugs, headcount: headcount || null, headcountGroup: headcount ? headcountGroup : null },
    confirmedDuplicate: formData.get("confirmDuplicate") === "on",
    values,
  };
}
