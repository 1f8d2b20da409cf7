import { useLocation } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

/** Download links for the list on this page, as it is filtered now, as CSV and as Excel. */
export function ExportLinks({ path }: { path: string }) {
  const t = useT();
  const query = new URLSearchParams(useLocation().search);
  query.delete("page");
  const csv = query.toString();
  query.set("dinh-dang", "xlsx");
  return (
    <p className="exports">
      <a href={`${path}?${csv}`} download>
        {t("coverage.exportCsv")}
      </a>
      <a href={`${path}?${query.toString()}`} download>
        {t("coverage.exportXlsx")}
      </a>
    </p>
  );
}
