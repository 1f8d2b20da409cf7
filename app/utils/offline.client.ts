// The page's side of offline learning: registering the service worker (app/sw), downloading a
// course into the phone's cache, keeping downloaded courses up to date and sending the answers
// that waited. Only pages with JavaScript and a service worker get any of this.
import { Workbox } from "workbox-window";

import { COURSES_CACHE, downloadPathOf, OFFLINE_PAGE, PAGES_CACHE, type KeptCourse } from "./offline";

export function offlineSupported() {
  return "serviceWorker" in navigator && "caches" in window;
}

let registered: Promise<unknown> | undefined;

export function registerServiceWorker() {
  // No worker (`npm run dev` builds none) leaves the page as it is without one.
  registered ??= new Workbox("/sw.js").register().catch(() => undefined);
  return registered;
}

async function bytesOf(cache: Cache, urls: string[]) {
  const responses = await Promise.all(urls.map((url) => cache.match(url, { ignoreVary: true })));
  const sizes = await Promise.all(responses.map(async (response) => (response ? (await response.blob()).size : 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** The app's own files, kept once for every course by the service worker's precache. */
async function appFileBytes() {
  const names = (await caches.keys()).filter((name) => name.startsWith("workbox-precache"));
  let total = 0;
  for (const name of names) {
    const cache = await caches.open(name);
    total += await bytesOf(
      cache,
      (await cache.keys()).map((request) => request.url),
    );
  }
  return total;
}

/**
 * Keeps a course on the phone: the server starts the quiz attempts and lists the pages; each is
 * fetched into the cache, then the course's record is written last, so a download cut halfway
 * does not count as kept. Returns the bytes the course takes on the phone.
 */
export async function downloadCourse(courseSlug: string) {
  await registerServiceWorker();
  const response = await fetch(downloadPathOf(courseSlug), { method: "POST", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`download refused: ${response.status}`);
  const kept = (await response.json()) as KeptCourse;
  const pages = await caches.open(PAGES_CACHE);
  await pages.addAll(kept.urls);
  const records = await caches.open(COURSES_CACHE);
  await records.put(downloadPathOf(courseSlug), new Response(JSON.stringify(kept), { headers: { "Content-Type": "application/json" } }));
  return (await bytesOf(pages, kept.urls)) + (await appFileBytes());
}

export async function keptCourse(courseSlug: string) {
  const record = await (await caches.open(COURSES_CACHE)).match(downloadPathOf(courseSlug));
  return record ? ((await record.json()) as KeptCourse) : null;
}

/** At each connection: a kept course whose content changed since is downloaded again. */
export async function refreshKeptCourses() {
  const records = await caches.open(COURSES_CACHE);
  for (const request of await records.keys()) {
    const kept = (await (await records.match(request))?.json()) as KeptCourse | undefined;
    if (!kept) continue;
    const current = await fetch(downloadPathOf(kept.slug), { headers: { Accept: "application/json" }, redirect: "manual" });
    if (!current.ok) continue;
    const { version } = (await current.json()) as { version: string };
    if (version !== kept.version) await downloadCourse(kept.slug);
  }
}

/** The offline page itself is kept as soon as the worker runs, so it is there when needed. */
export async function keepOfflinePage() {
  const pages = await caches.open(PAGES_CACHE);
  if (!(await pages.match(OFFLINE_PAGE, { ignoreVary: true }))) await pages.add(OFFLINE_PAGE);
}

/** Asks the worker to send the answers that waited; true once they reached the server. */
export async function sendWaitingAnswers() {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return false;
  return new Promise<boolean>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<{ sent?: boolean }>) => resolve(event.data.sent === true);
    worker.postMessage({ type: "replay" }, [channel.port2]);
  });
}

/**
 * The course and module pages kept on the phone, with their titles, for the offline page. Quiz
 * pages are left out: every one has the same title, and each opens from its module's page.
 */
export async function keptPages() {
  const pages = await caches.open(PAGES_CACHE);
  const parser = new DOMParser();
  const list: { path: string; title: string }[] = [];
  for (const request of await pages.keys()) {
    const url = new URL(request.url);
    if (url.search || !url.pathname.startsWith("/khoa-hoc")) continue;
    const html = await (await pages.match(request, { ignoreVary: true }))?.text();
    const title = html ? parser.parseFromString(html, "text/html").title : "";
    list.push({ path: url.pathname, title: title || url.pathname });
  }
  return list.sort((a, b) => a.path.localeCompare(b.path));
}
