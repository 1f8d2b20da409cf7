import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const courseFrontmatterSchema = z
  .object({
    title: z.string().min(3),
    titleEn: z.string().min(3),
    summary: z.string().min(10),
    summaryEn: z.string().min(10),
    audiences: z.array(z.string()).min(1),
    indicators: z.array(z.string()).min(1),
    minutes: z.number().int().positive(),
    version: z.string().regex(/^\d+\.\d+$/, 'a version is "MAJOR.MINOR", e.g. "2.0"').optional(),
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

export const quizSchema = z
  .object({
    passMark: z.number().min(0).max(100).default(80),
    perAttempt: z.number().int().positive().optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict()
  .superRefine((quiz, ctx) => {
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

export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;
export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Question = Quiz["questions"][number];

/** A YAML data file checked against its schema; a wrong file throws naming the file, each path and the reason. */
export function parseYamlWith<T extends z.ZodTypeAny>(schema: T, source: string, file: string): z.output<T> {
  const result = schema.safeParse(parseYaml(source));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`${file} is invalid:\n  ${problems.join("\n  ")}`);
}
