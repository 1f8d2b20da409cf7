import { useT } from "#app/i18n/use-t";
import type { MessageKey } from "#app/i18n/messages";

type Problem = { row: number | null; column: string | null; problem: MessageKey };

/** A roster file's problems, each with the row and column a spreadsheet shows (the first 200). */
export function RosterProblemTable({ problems, caption }: { problems: Problem[]; caption?: string }) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <table className="problems">
      <caption>{caption ?? t("roster.problems", { count: problems.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("roster.row")}</th>
          <th scope="col">{t("roster.column")}</th>
          <th scope="col">{t("roster.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {problems.slice(0, 200).map((problem, index) => (
          <tr key={index}>
            <td>{problem.row ?? "—"}</td>
            <td>{problem.column ?? "—"}</td>
            <td>{t(problem.problem)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
