import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { getCatalogue } from "#app/content/catalogue.server";
import { isOpenCourse } from "#app/content/target-groups.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getLang } from "#app/i18n/lang.server";
import { getMyCourses } from "#app/models/my-courses.server";
import { getUser } from "#app/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "home.title") },
  { name: "description", content: "Phòng ngừa, giảm thiểu lao động trẻ em: tập huấn, chứng nhận và báo cáo" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, catalogue] = await Promise.all([getUser(request), getCatalogue()]);
  // Children reach their course from here without an account.
  const childrenCourse = catalogue.courses.find(isOpenCourse)?.slug ?? null;
  if (!user) return { signedIn: false, isAdmin: false, next: null, childrenCourse };
  const { inProgress } = await getMyCourses(user, await getLang(request));
  // Only a course of the learner's own group: after the households' course, not the officials'.
  const current = inProgress.find((course) => course.forMe && course.next);
  const next = current?.next ? { courseTitle: current.title, href: `/khoa-hoc/${current.slug}/${current.next.slug}`, title: current.next.title } : null;
  return { signedIn: true, isAdmin: user.role !== "learner", next, childrenCourse };
}

const AUDIENCES: { title: MessageKey; body: MessageKey }[] = [
  { title: "home.audience.officials.title", body: "home.audience.officials.body" },
  { title: "home.audience.teachers.title", body: "home.audience.teachers.body" },
  { title: "home.audience.businesses.title", body: "home.audience.businesses.body" },
  { title: "home.audience.households.title", body: "home.audience.households.body" },
  { title: "home.audience.children.title", body: "home.audience.children.body" },
];

export default function HomePage() {
  const t = useT();
  const { signedIn, isAdmin, next, childrenCourse } = useLoaderData<typeof loader>();
  const deleted = useSearchParams()[0].has("da-xoa-tai-khoan");
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="hero__lead">{t("home.lead")}</p>
        {deleted ? (
          <p className="notice" role="status">
            {t("home.accountDeleted")}
          </p>
        ) : null}
        {signedIn ? (
          <div className="hero__actions">
            {next ? (
              <div className="next-lesson">
                <p className="next-lesson__label">{t("home.nextLesson", { course: next.courseTitle })}</p>
                <Link to={next.href} className="button button--primary">
                  {next.title}
                </Link>
              </div>
            ) : null}
            <Link to="/khoa-hoc" className="button">
              {t("nav.courses")}
            </Link>
            {isAdmin ? (
              <Link to="/quan-tri/nguoi-dung" className="button">
                {t("nav.admin")}
              </Link>
            ) : null}
          </div>
        ) : (
          <div className="hero__actions">
            <Link to="/dang-ky" className="button button--primary">
              {t("home.start")}
            </Link>
            <Link to="/dang-nhap" className="button">
              {t("nav.signIn")}
            </Link>
          </div>
        )}
      </section>
      <section aria-labelledby="audiences-title">
        <h2 id="audiences-title">{t("home.audiences")}</h2>
        <ul className="cards">
          {AUDIENCES.map((audience) => (
            <li key={audience.title} className="card">
              <h3>{t(audience.title)}</h3>
              <p>{t(audience.body)}</p>
              {audience.title === "home.audience.children.title" && childrenCourse ? (
                <p>
                  <Link to={`/khoa-hoc/${childrenCourse}`}>{t("home.childrenCourse")}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t("home.how")}</h2>
        <ol className="steps">
          <li>{t("home.how.1")}</li>
          <li>{t("home.how.2")}</li>
          <li>{t("home.how.3")}</li>
        </ol>
      </section>
    </>
  );
}
