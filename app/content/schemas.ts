import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** A course's version: "MAJOR.MINOR" (content/README.md says which changes are major). */
const courseVersionSchema = z.string().regex(/^\d+\.\d+$/, 'a version is "MAJOR.MINOR", for example "2.0"');

export const courseFrontmatterSchema = z
  .object({
    version: courseVersionSchema,
    title: z.string().min(3),
    titleEn: z.string().min(3),
    summary: z.string().min(10),
    summaryEn: z.string().min(10),
    audiences: z.array(z.string()).min(1),
    indicators: z.array(z.string()).min(1),
    minutes: z.number().int().positive(),
  })
  .strict();

export const moduleFrontmatterSchema = z
  .object({
    title: z.string().min(3),
    titleEn: z.string().min(3),
    summary: z.string().min(5),
    minutes: z.number().int().positive(),
  })
  .strict();

const optionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "option ids are lowercase letters, digits and dashes"),
    text: z.string().min(1),
    correct: z.boolean().optional(),
  })
  .strict();

const questionBase = {
  id: z.string().regex(/^[a-z0-9-]+$/, "question ids are lowercase letters, digits and dashes"),
  prompt: z.string().min(5),
  explanation: z.string().min(10, "every question needs an explanation"),
};

const questionSchema = z.discriminatedUnion("type", [
  z.object({ ...questionBase, type: z.literal("single"), options: z.array(optionSchema).min(2).max(6) }).strict(),
  z.object({ ...questionBase, type: z.literal("multiple"), options: z.array(optionSchema).min(3).max(6) }).strict(),
  z.object({ ...questionBase, type: z.literal("true-false"), answer: z.boolean() }).strict(),
]);

const MIN_PER_ATTEMPT = 5;

const quizFields = {
  passMark: z.number().min(0).max(100).default(80),
  /** How many questions one attempt draws from the pool (`questions`). */
  perAttempt: z.number().int(),
  questions: z.array(questionSchema).min(1),
};

/** A quiz as one attempt showed it (kept for answers sent offline): only the questions it drew. */
export const shownQuizSchema = z.object(quizFields).strict();

export const quizSchema = z
  .object(quizFields)
  .strict()
  .superRefine((quiz, ctx) => {
    // A pool twice the attempt's length lets every retry draw questions the learner has not just seen.
    if (quiz.perAttempt < MIN_PER_ATTEMPT) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["perAttempt"], message: `an attempt draws at least ${MIN_PER_ATTEMPT} questions (found ${quiz.perAttempt})` });
    } else if (quiz.questions.length < 2 * quiz.perAttempt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["questions"],
        message: `the pool needs at least ${2 * quiz.perAttempt} questions, twice perAttempt (found ${quiz.questions.length})`,
      });
    }
    const problem = (index: number, field: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["questions", index, field], message });
    const seen = new Set<string>();
    quiz.questions.forEach((question, index) => {
      if (seen.has(question.id)) problem(index, "id", `duplicate question id "${question.id}"`);
      seen.add(question.id);
      if (question.type === "true-false") return;
      const optionIds = question.options.map((option) => option.id);
      if (new Set(optionIds).size !== optionIds.length) problem(index, "options", "duplicate option id");
      const correct = question.options.filter((option) => option.correct).length;
      if (question.type === "single" && correct !== 1) {
        problem(index, "options", `question "${question.id}": a single-choice question needs exactly one correct option (found ${correct})`);
      }
      if (question.type === "multiple" && (correct < 2 || correct === question.options.length)) {
        problem(index, "options", `question "${question.id}": a multiple-choice question needs at least two correct options and at least one wrong one`);
      }
    });
  });

/** Orders "MAJOR.MINOR" versions: negative when a is older than b. */
function compareVersions(a: string, b: string) {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date is written YYYY-MM-DD")
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "not a date of the calendar");

/** changelog.yml beside course.mdx: what changed in each version, newest first, in both languages. */
export const changelogSchema = z
  .array(
    z
      .object({
        version: courseVersionSchema,
        // The yaml package's core schema reads an unquoted 2026-12-02 as text, checked here.
        date: calendarDateSchema,
        changes: z.array(z.string().min(3)).min(1),
        changesEn: z.array(z.string().min(3)).min(1),
      })
      .strict()
      .refine((entry) => entry.changes.length === entry.changesEn.length, {
        message: "changes and changesEn need the same number of lines",
        path: ["changesEn"],
      }),
  )
  .min(1)
  .superRefine((entries, ctx) => {
    entries.forEach((entry, index) => {
      const older = entries[index + 1];
      if (!older) return;
      if (compareVersions(entry.version, older.version) <= 0 || entry.date < older.date) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index + 1],
          message: `newest first: ${older.version} (${older.date}) comes after ${entry.version} (${entry.date})`,
        });
      }
    });
  });

export type ChangelogEntry = z.output<typeof changelogSchema>[number];
export type Quiz = z.infer<typeof quizSchema>;
export type Question = Quiz["questions"][number];

/** A YAML data file checked against its schema; a wrong file throws naming the file, each path and the reason. */
export function parseYamlWith<T extends z.ZodTypeAny>(schema: T, source: string, file: string): z.output<T> {
  const result = schema.safeParse(parseYaml(source));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`${file} is invalid:\n  ${problems.join("\n  ")}`);
}
