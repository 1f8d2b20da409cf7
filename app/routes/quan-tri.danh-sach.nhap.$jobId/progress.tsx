import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

import { useT } from "#app/i18n/use-t";

type Progress = { id: string; status: string; rowsTotal: number; rowsRead: number; rowsWritten: number };

const POLL_MS = 1_000;

/**
 * A job being read or written: a bar of rows read or written. With JavaScript it polls the job's
 * progress resource and reloads the page's data once the job has moved on; without, the page
 * refreshes itself.
 */
export function ImportProgress({ job }: { job: Progress }) {
  const t = useT();
  const fetcher = useFetcher<Progress>();
  const { revalidate } = useRevalidator();
  const current = fetcher.data ?? job;

  useEffect(() => {
    const timer = setInterval(() => fetcher.load(`/quan-tri/danh-sach/nhap/${job.id}/tien-do`), POLL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetcher.load is stable enough; one timer per job
  }, [job.id]);
  useEffect(() => {
    if (fetcher.data && fetcher.data.status !== job.status) revalidate();
  }, [fetcher.data, job.status, revalidate]);

  const writing = current.status === "writing";
  const done = writing ? current.rowsWritten : current.rowsRead;
  const label =
    current.status === "queued"
      ? t("rosterImport.status.queued")
      : t(writing ? "rosterImport.status.writing" : "rosterImport.status.reading", { done, total: current.rowsTotal || "…" });
  return (
    <div className="progress" role="status">
      <noscript>
        <meta httpEquiv="refresh" content="2" />
        <p>{t("rosterImport.refreshing")}</p>
      </noscript>
      <progress className="progress__bar" value={done} max={Math.max(current.rowsTotal, 1)} aria-label={t("rosterImport.progress")} />
      <p className="progress__text">{label}</p>
    </div>
  );
}
