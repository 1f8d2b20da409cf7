import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { useLang, useT } from "#app/i18n/use-t";

// organisation: whether "Chứng nhận cơ sở" concerns the learner (a business, a cooperative or a member).
type HeaderUser = { fullName: string; role: string; organisation?: boolean } | null;

// Below 640 px the links fold into a <details> menu, which opens and closes without JavaScript.
// The links are drawn twice (folded and in a row) because a closed <details> hides its content in
// every browser whatever the style sheet says; CSS shows one of the two, so only one is ever in the
// accessibility tree.
export function SiteHeader({ user }: { user: HeaderUser }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const menu = useRef<HTMLDetailsElement>(null);
  // With JavaScript a link opens the next page in place: the menu must not stay open over it.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname, location.search]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header__bar">
        <Link to="/" className="site-header__brand">
          {t("site.name")}
        </Link>
        {/* Outside the menu: on a shared phone at the ward office, who is signed in must show. */}
        {user ? <span className="site-header__user">{t("nav.signedInAs", { name: user.fullName })}</span> : null}
        <Form method="post" action="/ngon-ngu" className="lang-switch" reloadDocument>
          <input type="hidden" name="redirectTo" value={here} />
          <input type="hidden" name="lang" value={lang === "vi" ? "en" : "vi"} />
          <button type="submit" className="button button--quiet" lang={lang === "vi" ? "en" : "vi"}>
            {lang === "vi" ? "English" : "Tiếng Việt"}
          </button>
        </Form>
        <details className="site-menu" ref={menu}>
          <summary className="button button--quiet">{t("nav.menu")}</summary>
          <nav className="site-nav" aria-label={t("nav.label")}>
            <NavItems user={user} />
          </nav>
        </details>
      </div>
      <nav className="site-nav site-nav--wide" aria-label={t("nav.label")}>
        <NavItems user={user} />
      </nav>
    </header>
  );
}

function NavItems({ user }: { user: HeaderUser }) {
  const t = useT();
  return (
    <>
      <NavLink to="/" end>
        {t("nav.home")}
      </NavLink>
      {user ? <NavLink to="/khoa-hoc">{t("nav.courses")}</NavLink> : null}
      {user?.role === "learner" && user.organisation ? <NavLink to="/co-so">{t("nav.myOrganisation")}</NavLink> : null}
      {user?.role === "learner" ? <NavLink to="/tai-khoan/chung-nhan">{t("nav.myCertificates")}</NavLink> : null}
      {user && user.role !== "learner" ? (
        <>
          <NavLink to="/quan-tri/bao-cao">{t("nav.coverage")}</NavLink>
          <NavLink to="/quan-tri/bao-cao-ky">{t("nav.reports")}</NavLink>
          <NavLink to="/quan-tri/danh-sach">{t("nav.roster")}</NavLink>
          <NavLink to="/quan-tri/buoi-hoc">{t("nav.trainingSessions")}</NavLink>
          <NavLink to="/quan-tri/chung-nhan">{t("nav.certification")}</NavLink>
          <NavLink to="/quan-tri/tin-nhan">{t("nav.messages")}</NavLink>
          <NavLink to="/quan-tri/nguoi-dung">{t("nav.admin")}</NavLink>
          {user.role === "district_admin" ? <NavLink to="/quan-tri/nhat-ky">{t("nav.audit")}</NavLink> : null}
        </>
      ) : null}
      {user ? (
        <>
          <NavLink to="/tai-khoan">{t("nav.account")}</NavLink>
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
    </>
  );
}
