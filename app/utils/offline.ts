import type { Lang } from "#app/i18n/lang";

// Names shared by the service worker (app/sw) and the pages that talk to it: the caches they
// both read, the pages the worker may serve from the phone and the queue of answers to send.

/** Pages and images kept on the phone: downloaded courses and the modules a learner opened. */
export const PAGES_CACHE = "offline-pages";
/** One record per downloaded course: its content version and the attempt started per module. */
export const COURSES_CACHE = "offline-courses";
/** Answers and "read" marks made offline, waiting to be sent (Workbox Background Sync). */
export const ANSWER_QUEUE = "offline-answers";
/** The page shown offline for a page that is not kept; it lists what is. */
export const OFFLINE_PAGE = "/ngoai-tuyen";

/** Pages worth keeping: the courses, their modules, quizzes and images. */
export function isLearningPath(pathname: string) {
  return /^\/khoa-hoc(\/|$)/.test(pathname) || /^\/kiem-tra\/[^/]+$/.test(pathname) || /^\/noi-dung\/[^/]+\/media\/[^/]+$/.test(pathname);
}

/** `/khoa-hoc/<course>/<module>` (not the certificate page), or null. */
export function modulePageOf(pathname: string) {
  const match = /^\/khoa-hoc\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!match || match[2] === "chung-nhan" || match[2] === "tai-ve") return null;
  return { course: match[1] ?? "", module: match[2] ?? "" };
}

export function downloadPathOf(courseSlug: string) {
  return `/khoa-hoc/${courseSlug}/tai-ve`;
}

/** The record kept in COURSES_CACHE for a downloaded course. */
export type KeptCourse = {
  slug: string;
  version: string;
  /** moduleSlug → the attempt the server started for answering offline. */
  attempts: Record<string, string>;
  urls: string[];
};

/** Where the "saved, will be sent" page sends the learner next; only the learning pages. */
export function savedPageUrl(next: string) {
  return `${OFFLINE_PAGE}?da-luu=1&tiep=${encodeURIComponent(next)}`;
}

/** "820 KB", "1,2 MB": a download size in the reader's language. */
export function formatBytes(bytes: number, lang: Lang) {
  const format = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${format.format(bytes / (1024 * 1024))} MB` : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
