import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import type { CatalogueCourse } from "#app/content/catalogue.server";
import { lessonHtml } from "#app/content/lesson-html.server";
import type { Lang } from "#app/i18n/lang";
import { OFFLINE_PAGE, type KeptCourse } from "#app/utils/offline";

import { optionsOf } from "./grade.server";
import { getOwnAttempt, startAttempt } from "./progress.server";
import { keepShownQuiz } from "./shown-quiz.server";

// What a page adds around its lesson or quiz: header, footer, the links to the app's files and
// the data Remix puts in the document. From `npm run bench:offline`: 5 KB for the offline page,
// about 3 KB more on lesson and quiz pages; rounded up, so that the size said is not too small.
const PAGE_SHELL_BYTES = 8 * 1024;

let shellBytes: number | undefined;

/**
 * The app's own files the service worker keeps (scripts, styles, fonts, icons), as counted by
 * the build (scripts/build-offline.ts); 0 before a build.
 */
function appShellBytes() {
  if (shellBytes === undefined) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(process.cwd(), "build", "offline-shell.json"), "utf8"));
      shellBytes = typeof parsed === "object" && parsed !== null && "bytes" in parsed && typeof parsed.bytes === "number" ? parsed.bytes : 0;
    } catch {
      shellBytes = 0;
    }
  }
  return shellBytes;
}

function mediaFilesOf(course: CatalogueCourse) {
  try {
    return readdirSync(path.join(course.dir, "media")).filter((file) => /^[a-z0-9-]+\.svg$/.test(file));
  } catch {
    return [];
  }
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

const downloadSizes = new Map<string, number>();

/**
 * About how many bytes "Tải về" brings to the phone, said before it starts: every page of the
 * course, its images and the app's own files (already there after a first download).
 */
export function getDownloadSize(course: CatalogueCourse, lang: Lang) {
  // Every course page says it: computed once per course version and language, not per request.
  const key = `${course.slug}:${course.version}:${lang}`;
  let bytes = downloadSizes.get(key);
  if (bytes === undefined) {
    bytes = downloadSizeOf(course, lang);
    downloadSizes.set(key, bytes);
  }
  return bytes;
}

function downloadSizeOf(course: CatalogueCourse, lang: Lang) {
  const intro = lessonHtml({ slug: "", version: course.version, code: course.introCode }, course.slug, lang);
  const lessons = course.modules.map((module) => utf8Bytes(lessonHtml(module, course.slug, lang)));
  // A quiz page carries its texts twice: in the HTML and in the data the page hydrates from.
  const quizzes = course.modules.map((module) =>
    module.quiz.questions.reduce((sum, question) => sum + 2 * (utf8Bytes(question.prompt) + optionsOf(question).reduce((total, option) => total + utf8Bytes(option.text), 0)), 0),
  );
  const media = mediaFilesOf(course).reduce((sum, file) => sum + statSync(path.join(course.dir, "media", file)).size, 0);
  // The offline page, the course list, the course page, then a lesson and a quiz per module.
  const pages = 3 + 2 * course.modules.length;
  return appShellBytes() + pages * PAGE_SHELL_BYTES + utf8Bytes(intro) + lessons.reduce((sum, bytes) => sum + bytes, 0) + quizzes.reduce((sum, bytes) => sum + bytes, 0) + media;
}

/**
 * Downloading a course for offline use: one open attempt per module quiz (the learner's open
 * attempt if there is one, with the same shuffle as online), and every address the phone keeps.
 */
export async function startOfflineCourse(userId: string, course: CatalogueCourse): Promise<KeptCourse> {
  const attempts: Record<string, string> = {};
  // Four or five modules a course: a few short queries each, as when the quizzes open online.
  for (const module of course.modules) {
    const { id } = await startAttempt(userId, course, module);
    const attempt = await getOwnAttempt(userId, id);
    if (attempt) await keepShownQuiz(id, module, attempt.layout);
    attempts[module.slug] = id;
  }
  const urls = [
    OFFLINE_PAGE,
    "/khoa-hoc",
    `/khoa-hoc/${course.slug}`,
    ...course.modules.map((module) => `/khoa-hoc/${course.slug}/${module.slug}`),
    ...Object.values(attempts).map((id) => `/kiem-tra/${id}`),
    ...mediaFilesOf(course).map((file) => `/noi-dung/${course.slug}/media/${file}`),
  ];
  return { slug: course.slug, version: course.version, attempts, urls };
}
