import type { MessageKey } from "#app/i18n/messages";
import { useNumbers, useT } from "#app/i18n/use-t";

type Cell = { population: number; declared: boolean; counted: boolean; reached: number; rate: number; gap: number; status: string };

export const STATUS_LABEL: Record<string, MessageKey> = {
  met: "coverage.status.met",
  on_track: "coverage.status.on_track",
  behind: "coverage.status.behind",
  no_population: "coverage.status.no_population",
};

/** One coverage figure: reached of population, the rate, and the status as a word, not a colour. */
export function CoverageFigure({ cell }: { cell: Cell }) {
  const t = useT();
  const format = useNumbers();
  return (
    <>
      <span className="coverage__rate">{cell.population > 0 ? format.percent(cell.rate) : "—"}</span>
      <span className="coverage__counts">
        {format.number(cell.reached)}/{format.number(cell.population)}
        {cell.declared ? ` (${t("coverage.declared")})` : ""}
      </span>
      {cell.counted ? <span className="coverage__counts">{t("coverage.counted")}</span> : null}
      <span className="coverage__status">{t(STATUS_LABEL[cell.status] ?? "coverage.status.no_population")}</span>
    </>
  );
}
