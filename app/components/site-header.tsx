import { Form, Link, NavLink, useLocation } from "@remix-run/react";

import { useLang, useT } from "#app/i18n/use-t";

// organisation: whether "Chứng nhận cơ sở" concerns the learner (a business, a cooperative or a member).
type HeaderUser = { fullName: string; role: string; organisation?: boolean } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header__bar">
        <Link to="/" className="site-header__brand">
          {t("site.name")}
        </Link>
        <Form method="post" action="/ngon-ngu" className="lang-switch">
          <input type="hidden" name="redirectTo" value={here} />
          <input type="hidden" name="lang" value={lang === "vi" ? "en" : "vi"} />
          <button type="submit" className="button button--quiet" lang={lang === "vi" ? "en" : "vi"}>
            {lang === "vi" ? "English" : "Tiếng Việt"}
          </button>
        </Form>
      </div>
      <nav className="site-nav" aria-label={t("nav.label")}>
        <NavLink to="/" end>
          {t("nav.home")}
        </NavLink>
        {user ? <NavLink to="/khoa-hoc">{t("nav.courses")}</NavLink> : null}
        {user?.role === "learner" && user.organisation ? <NavLink to="/co-so">{t("nav.myOrganisation")}</NavLink> : null}
        {user && user.role !== "learner" ? (
          <>
            <NavLink to="/quan-tri/bao-cao">{t("nav.coverage")}</NavLink>
            <NavLink to="/quan-tri/bao-cao-ky">{t("nav.reports")}</NavLink>
            <NavLink to="/quan-tri/danh-sach">{t("nav.roster")}</NavLink>
            <NavLink to="/quan-tri/buoi-hoc">{t("nav.trainingSessions")}</NavLink>
            <NavLink to="/quan-tri/chung-nhan">{t("nav.certification")}</NavLink>
            <NavLink to="/quan-tri/nguoi-dung">{t("nav.admin")}</NavLink>
            {user.role === "district_admin" ? <NavLink to="/quan-tri/nhat-ky">{t("nav.audit")}</NavLink> : null}
          </>
        ) : null}
        {user ? (
          <>
            <NavLink to="/tai-khoan">{t("nav.account")}</NavLink>
            <span className="site-nav__user">{t("nav.signedInAs", { name: user.fullName })}</span>
            <Form method="post" action="/dang-xuat">
              <button type="submit" className="button button--quiet">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to="/dang-nhap">{t("nav.signIn")}</NavLink>
            <NavLink to="/dang-ky">{t("nav.signUp")}</NavLink>
          </>
        )}
      </nav>
    </header>
  );
}
