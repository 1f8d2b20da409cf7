// `npm run content:check`: validates and compiles every course, naming each file and problem.
// Also run by `npm run build`, which leaves the compiled lessons in the cache for the server.
// `npm run content:check -- <dir>` checks the courses of another content folder (the fixtures).
import path from "node:path";

import { CONTENT_DIR, loadCatalogue } from "#app/content/catalogue.server";
import { checkToneMarks } from "#app/content/tone-marks.server";
import { loadMessageTemplates } from "#app/content/messages.server";
import { loadUnits } from "#app/content/units.server";

const contentDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
const { catalogue, problems } = await loadCatalogue(contentDir);
// The interface's messages are held to the same spelling as the real content.
problems.push(...checkToneMarks(contentDir ?? CONTENT_DIR, contentDir ? [] : [path.join(process.cwd(), "app", "i18n", "messages.ts")]));
// The wards and the messages belong to the real content only.
if (!contentDir) {
  // The wards and the outbox's message templates (every one in vi and en, with the variables it uses).
  for (const load of [loadUnits, loadMessageTemplates]) {
    try {
      load();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
}
if (problems.length > 0) {
  console.error(`Content check failed, ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
const modules = catalogue.courses.flatMap((course) => course.modules);
const questions = modules.reduce((sum, module) => sum + module.quiz.questions.length, 0);
console.log(`Content check passed: ${catalogue.courses.length} courses, ${modules.length} modules, ${questions} quiz questions in the pools.`);
