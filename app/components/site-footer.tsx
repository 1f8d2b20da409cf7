import { Link } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

// Both numbers are printed on every page: a child or an adult in trouble must not have to search.
export function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <section className="help-lines" aria-label={t("footer.helpLabel")}>
        <p>
          <strong>{t("footer.hotline")}</strong>{" "}
          <a className="help-lines__number" href="tel:111">
            111
          </a>{" "}
          <span>{t("footer.hotlineNote")}</span>
        </p>
        <p>
          <strong>{t("footer.socialWork")}</strong>{" "}
          <a className="help-lines__number" href="tel:02433525662">
            024 3352 5662
          </a>
        </p>
      </section>
      <p className="site-footer__links">
        <Link to="/chung-nhan">{t("footer.registry")}</Link>
        <Link to="/xac-minh">{t("footer.verify")}</Link>
        <Link to="/quyen-rieng-tu">{t("privacy.title")}</Link>
      </p>
      <p className="site-footer__about">{t("footer.about")}</p>
    </footer>
  );
}
