import { Link } from "@remix-run/react";

import { TableScroll } from "#app/components/table-scroll";
import { useT } from "#app/i18n/use-t";
import { formatDate, formatTime } from "#app/utils/dates";

type Job = {
  id: string;
  status: string;
  fileName: string;
  group: string;
  created: number;
  updated: number;
  createdAt: Date | string;
  unit: { name: string };
  createdBy: { fullName: string };
};

const STATES = ["queued", "reading", "previewed", "writing", "done", "failed"] as const;
const stateKey = (status: string) => `rosterImport.state.${STATES.find((state) => state === status) ?? "failed"}` as const;

/** The latest roster imports of the admin's wards: who, when, which file, and what came of it. */
export function ImportHistory({ imports }: { imports: Job[] }) {
  const t = useT();
  if (imports.length === 0) return null;
  return (
    <TableScroll label={t("rosterImport.history")}>
      <table className="problems">
        <caption>{t("rosterImport.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rosterImport.when")}</th>
            <th scope="col">{t("form.ward")}</th>
            <th scope="col">{t("roster.group")}</th>
            <th scope="col">{t("rosterImport.fileName")}</th>
            <th scope="col">{t("rosterImport.who")}</th>
            <th scope="col">{t("rosterImport.result")}</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((job) => (
            <tr key={job.id}>
              <td>
                {formatDate(job.createdAt)} {formatTime(new Date(job.createdAt))}
              </td>
              <td>{job.unit.name}</td>
              <td>{job.group}</td>
              <td>
                <Link to={`/quan-tri/danh-sach/nhap/${job.id}`}>{job.fileName || "—"}</Link>
              </td>
              <td>{job.createdBy.fullName}</td>
              <td>{job.status === "done" ? t("rosterImport.resultCounts", { created: job.created, updated: job.updated }) : t(stateKey(job.status))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
