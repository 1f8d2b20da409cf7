import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { parseYamlWith } from "./schemas";

const PLACEHOLDER = /\{(\w+)\}/g;
const inBothLanguages = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
const templateSchema = z
  .object({
    // What the admins' list of messages (/quan-tri/tin-nhan) calls it; without one, its subject with "…" for each variable.
    name: inBothLanguages.optional(),
    variables: z.array(z.string().regex(/^\w+$/)),
    subject: inBothLanguages,
    text: inBothLanguages,
  })
  .strict()
  .superRefine((template, context) => {
    for (const [field, texts] of Object.entries({ subject: template.subject, text: template.text })) {
      for (const [locale, text] of Object.entries(texts)) {
        for (const [, name] of text.matchAll(PLACEHOLDER)) {
          if (!template.variables.includes(name!)) context.addIssue({ code: "custom", path: [field, locale], message: `uses {${name}}, which is not in variables` });
        }
      }
    }
  });
const messagesSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, "template keys are kebab-case"), templateSchema);
export type MessageTemplate = z.infer<typeof templateSchema>;

const FILE = path.join(process.cwd(), "content", "messages.yml");

/** Loads and checks content/messages.yml; a broken file throws with the template and the reason. */
export function loadMessageTemplates(file = FILE): Record<string, MessageTemplate> {
  return parseYamlWith(messagesSchema, readFileSync(file, "utf8"), path.relative(process.cwd(), file));
}

let cached: Record<string, MessageTemplate> | undefined;

/** A template in words for the admins' list: its name, or its subject with "…" for the variables; an unknown key as it is. */
export function messageTemplateName(key: string, locale: "vi" | "en") {
  const template = (cached ??= loadMessageTemplates())[key];
  if (!template) return key;
  return template.name?.[locale] ?? template.subject[locale].replace(PLACEHOLDER, "…");
}

/** A template filled in; a key that is not in content/messages.yml throws (the message then fails with the reason). */
export function renderMessage(key: string, locale: "vi" | "en", variables: Record<string, string | number>) {
  const template = (cached ??= loadMessageTemplates())[key];
  if (!template) throw new Error(`no message template "${key}" in content/messages.yml`);
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => String(variables[name] ?? ""));
  return { subject: fill(template.subject[locale]), text: fill(template.text[locale]) };
}
