import { Link, useLocation } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

/** Previous and next links that keep the search and filters, for the paginated admin lists. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const t = useT();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const pageLink = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={pageLink(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span>{t("pagination.position", { page, pageCount })}</span>
      {page < pageCount ? <Link to={pageLink(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
