import { useEffect, useState } from "react";

import { useLang, useT } from "#app/i18n/use-t";
import { formatBytes } from "#app/utils/offline";
import { downloadCourse, keptCourse, offlineSupported } from "#app/utils/offline.client";

type State = { step: "hidden" } | { step: "ready" | "working" | "failed" } | { step: "done"; bytes: number };

/**
 * "Tải về để học khi không có mạng" on a course page. Drawn only where a service worker can
 * run, after hydration: without JavaScript the page is as it always was.
 */
export function OfflineDownload({ courseSlug, version, bytes }: { courseSlug: string; version: string; bytes: number }) {
  const t = useT();
  const lang = useLang();
  const [state, setState] = useState<State>({ step: "hidden" });
  useEffect(() => {
    if (!offlineSupported()) return;
    void keptCourse(courseSlug).then((kept) => setState(kept?.version === version ? { step: "done", bytes: 0 } : { step: "ready" }));
  }, [courseSlug, version]);
  if (state.step === "hidden") return null;
  const download = async () => {
    setState({ step: "working" });
    try {
      setState({ step: "done", bytes: await downloadCourse(courseSlug) });
    } catch {
      setState({ step: "failed" });
    }
  };
  return (
    <section className="offline-download" aria-labelledby="offline-download-title">
      <h2 id="offline-download-title">{t("offline.download")}</h2>
      {state.step === "done" ? (
        <p className="status status--done" role="status">
          {t("offline.downloaded", { size: formatBytes(state.bytes || bytes, lang) })}
        </p>
      ) : (
        <>
          <p>{t("offline.downloadSize", { size: formatBytes(bytes, lang) })}</p>
          {state.step === "failed" ? (
            <p className="form-message" role="alert">
              {t("offline.downloadFailed")}
            </p>
          ) : null}
          <button type="button" className="button button--primary" disabled={state.step === "working"} onClick={() => void download()}>
            {state.step === "working" ? t("offline.downloading") : t("offline.download")}
          </button>
        </>
      )}
    </section>
  );
}
