import { Link } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

/** Previous and next links that keep the search, for the paginated admin lists. */
export function Pagination({ q, page, pageCount }: { q: string; page: number; pageCount: number }) {
  const t = useT();
  if (pageCount <= 1) return null;
  const pageLink = (target: number) => `?${new URLSearchParams({ q, page: String(target) })}`;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={pageLink(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span>{t("pagination.position", { page, pageCount })}</span>
      {page < pageCount ? <Link to={pageLink(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
