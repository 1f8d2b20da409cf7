import { useEffect, useState } from "react";

import { useT } from "#app/i18n/use-t";
import { keepOfflinePage, offlineSupported, refreshKeptCourses, registerServiceWorker, sendWaitingAnswers } from "#app/utils/offline.client";

/** Whether the phone has a connection; true on the server and before hydration. */
export function useOnline() {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/**
 * On every page with JavaScript: the service worker (once signed in), the offline banner, and, at each page load
 * and each return of the connection (not at moves inside the app: the root stays mounted),
 * sending the answers that waited and updating the kept courses.
 */
export function OfflineSupport({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  const online = useOnline();
  // Only for people signed in: the learning pages need an account, and a visitor on mobile data
  // should not pay for the app's files before they do.
  useEffect(() => {
    if (!offlineSupported() || !signedIn) return;
    void registerServiceWorker();
  }, [signedIn]);
  useEffect(() => {
    if (!offlineSupported() || !online || !signedIn) return;
    void (async () => {
      await navigator.serviceWorker.ready;
      await keepOfflinePage();
      await sendWaitingAnswers();
      await refreshKeptCourses();
    })().catch(() => undefined);
  }, [online, signedIn]);
  if (online) return null;
  return (
    <p className="offline-banner" role="status">
      {t("offline.banner")}
    </p>
  );
}
