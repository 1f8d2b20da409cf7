// The service worker: built with Workbox by scripts/build-offline.ts at `npm run build`.
// Online, every request goes to the server as before; the phone keeps a copy of the learning
// pages it fetched. Offline, kept pages open from the phone, any other page gets the offline
// page, and answers wait in a Background Sync queue until the connection returns.
import { Queue } from "workbox-background-sync";
import { clientsClaim, type WorkboxPlugin } from "workbox-core";
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { registerRoute, setCatchHandler, setDefaultHandler } from "workbox-routing";
import { NetworkFirst, NetworkOnly } from "workbox-strategies";

import { ANSWER_QUEUE, COURSES_CACHE, downloadPathOf, isLearningPath, modulePageOf, OFFLINE_PAGE, PAGES_CACHE, savedPageUrl, type KeptCourse } from "../utils/offline";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

void self.skipWaiting();
clientsClaim();
// The app's scripts, styles and fonts: one copy for every course, replaced at each release.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const MATCH = { ignoreVary: true };

// A redirect to the sign-in page or an error page must not replace a good kept copy.
const onlyPages: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && response.type === "basic" ? response : null),
};

const keptPages = new NetworkFirst({ cacheName: PAGES_CACHE, plugins: [onlyPages], matchOptions: MATCH });
const offlinePage = new NetworkFirst({ cacheName: PAGES_CACHE, plugins: [onlyPages], matchOptions: { ...MATCH, ignoreSearch: true } });

// Replayed on the `sync` event where the browser has Background Sync, and when a page says the
// connection is back (pages post "replay" on load and on `online`). The server grades each
// attempt once, so a request sent twice changes nothing.
const answers = new Queue(ANSWER_QUEUE, { maxRetentionTime: 60 * 24 * 30, onSync: () => replayAnswers() });

// One replay at a time. A second one started meanwhile (the browser's `sync` and the page's
// "replay" come together when the connection returns) would find the queue empty, the first
// having taken the answers off it, and say they were sent while they are still on their way: the
// page would then open the quiz before its result exists. Each replay waits for the one before and
// then sends what is left, answers queued meanwhile included.
let replaying: Promise<void> = Promise.resolve();
function replayAnswers(): Promise<void> {
  const replay = replaying.catch(() => undefined).then(() => answers.replayRequests());
  replaying = replay;
  return replay;
}

/**
 * Remix fetches data (`?_data=`) for a move inside the app. Offline, it is answered with a
 * "reload this document" redirect, so that the move becomes a page load, which the kept copy or
 * the offline page answers.
 */
function reloadDocument(location: string) {
  return new Response(null, {
    status: 204,
    headers: { "X-Remix-Redirect": location, "X-Remix-Status": "302", "X-Remix-Reload-Document": "true" },
  });
}

function goTo(request: Request, location: string) {
  return request.mode === "navigate" ? Response.redirect(new URL(location, self.location.origin).href, 303) : reloadDocument(location);
}

function pagePathOf(url: URL) {
  const page = new URL(url.href);
  page.searchParams.delete("_data");
  page.searchParams.delete("index");
  return page.pathname + page.search;
}

async function keptCourse(courseSlug: string) {
  const record = await (await caches.open(COURSES_CACHE)).match(downloadPathOf(courseSlug));
  return record ? ((await record.json()) as KeptCourse) : null;
}

/** A module a learner opened inside the app (a data request) is kept as a page as well. */
async function keepOpenedModule(url: URL) {
  if (!modulePageOf(url.pathname)) return;
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(url.pathname, MATCH)) return;
  await cache.add(url.pathname).catch(() => undefined);
}

registerRoute(({ url, request }) => url.origin === self.location.origin && url.pathname === OFFLINE_PAGE && request.method === "GET", offlinePage);

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === "GET" && url.searchParams.has("_data"),
  async ({ url, request, event }) => {
    try {
      const response = await fetch(request);
      if (response.ok) event.waitUntil(keepOpenedModule(url));
      return response;
    } catch {
      return reloadDocument(pagePathOf(url));
    }
  },
);

registerRoute(({ url, request }) => url.origin === self.location.origin && request.method === "GET" && isLearningPath(url.pathname), keptPages);

// Quiz answers and "read" marks: sent now if the network allows, otherwise queued.
registerRoute(
  ({ url }) => url.origin === self.location.origin && (/^\/kiem-tra\/[^/]+$/.test(url.pathname) || modulePageOf(url.pathname) !== null),
  async ({ url, request }) => {
    const queued = request.clone();
    try {
      return await fetch(request);
    } catch {
      const module = modulePageOf(url.pathname);
      // A save as the learner goes is not worth queueing: the answers stay on the page, and the next change saves them.
      if (!module && (await queued.clone().formData()).get("intent") === "autosave") return Response.json({ saved: false }, { status: 503 });
      if (!module) {
        await answers.pushRequest({ request: queued });
        return goTo(request, savedPageUrl(url.pathname));
      }
      const intent = (await queued.clone().formData()).get("intent");
      if (intent === "start-quiz") {
        const attemptId = (await keptCourse(module.course))?.attempts[module.module];
        return goTo(request, attemptId ? `/kiem-tra/${attemptId}` : OFFLINE_PAGE);
      }
      await answers.pushRequest({ request: queued });
      return goTo(request, savedPageUrl(`/khoa-hoc/${module.course}/${module.module}`));
    }
  },
  "POST",
);

setDefaultHandler(new NetworkOnly());

// A page that is neither online nor kept: the offline page, which lists what is kept. A redirect,
// not its content at this address: Remix must wake up on the route that drew the page.
setCatchHandler(async ({ request, url }) => {
  if (request.mode !== "navigate" || url?.pathname === OFFLINE_PAGE) return Response.error();
  return Response.redirect(new URL(OFFLINE_PAGE, self.location.origin).href, 302);
});

self.addEventListener("message", (event) => {
  const data: unknown = event.data;
  if (typeof data === "object" && data !== null && "type" in data && data.type === "replay") {
    // The page waits for the answer to show the result once the answers are on the server.
    const sent = replayAnswers().then(
      () => true,
      () => false,
    );
    event.waitUntil(sent.then((ok) => event.ports[0]?.postMessage({ sent: ok })));
  }
});
