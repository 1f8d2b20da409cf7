// The page the service worker shows offline in place of a page that is not kept; also the
// "saved, will be sent" page after an answer made offline. Its lists come from the phone's
// cache, so it is drawn on the client; the server sends only its frame.
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";

import { useOnline } from "#app/components/offline-support";
import { pageTitle, useT } from "#app/i18n/use-t";
import { isLearningPath } from "#app/utils/offline";
import { keptPages, offlineSupported, sendWaitingAnswers } from "#app/utils/offline.client";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "offline.title") }];

const RETRY_MS = 2000;

/** Where to go once the answers are sent: a learning page of this site, nothing else. */
function nextPageOf(search: string) {
  const params = new URLSearchParams(search);
  const next = params.get("tiep") ?? "";
  return params.get("da-luu") && next.startsWith("/") && isLearningPath(next) ? next : null;
}

export default function OfflinePage() {
  const t = useT();
  const online = useOnline();
  const [pages, setPages] = useState<{ path: string; title: string }[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    setNext(nextPageOf(window.location.search));
    if (offlineSupported()) void keptPages().then(setPages);
  }, []);
  useEffect(() => {
    if (!next || !online) return;
    // The page can learn that the connection is back a moment before the worker can use it.
    let stopped = false;
    void (async () => {
      while (!stopped) {
        if (await sendWaitingAnswers()) return window.location.assign(next);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [next, online]);
  return (
    <article className="stack">
      <h1>{t("offline.title")}</h1>
      {next ? (
        <>
          <p className="status status--done" role="status">
            {online ? t("offline.sending") : t("offline.saved")}
          </p>
          <p>
            <Link to={next} reloadDocument>
              {t("offline.continue")}
            </Link>
          </p>
        </>
      ) : (
        <p>{t("offline.notKept")}</p>
      )}
      <h2>{t("offline.keptTitle")}</h2>
      {pages && pages.length === 0 ? <p>{t("offline.nothingKept")}</p> : null}
      {pages && pages.length > 0 ? (
        <ul>
          {pages.map((page) => (
            <li key={page.path}>
              <Link to={page.path} reloadDocument>
                {page.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
