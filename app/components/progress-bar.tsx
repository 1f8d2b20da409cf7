import { useT } from "#app/i18n/use-t";

/** Progress as a bar and as words, so it never depends on colour or on seeing the bar. */
export function ProgressBar({ done, total }: { done: number; total: number }) {
  const t = useT();
  const label = t("progress.label", { done, total });
  return (
    <div className="progress">
      <progress className="progress__bar" value={done} max={Math.max(total, 1)} aria-label={label} />
      <p className="progress__text">{label}</p>
    </div>
  );
}
