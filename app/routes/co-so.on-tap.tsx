import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { applicationGate, refresherProgress } from "#app/models/certification/application.server";
import { renewalOpensAt } from "#app/models/certification/rules.server";
import { getCertificationCourse } from "#app/models/certification/terms.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "refresher.title") }];

/**
 * The refresher a renewal needs: every quiz of the business course passed again since the
 * renewal window opened. Each quiz is retaken on its usual page; this page shows what is left.
 */
type RefresherModule = { slug: string; title: string; passed: boolean };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [lang, gate, course] = await Promise.all([getLang(request), applicationGate(user), getCertificationCourse()]);
  const since = !gate.ok && gate.reason === "refresher_needed" ? gate.since : gate.ok && gate.renews?.expiresAt ? renewalOpensAt(gate.renews.expiresAt) : null;
  const none: RefresherModule[] = [];
  if (!since) return { courseSlug: course.slug, since: null, modules: none };
  const modules = await refresherProgress(user.id, course, since);
  return {
    courseSlug: course.slug,
    since: formatDate(since),
    modules: modules.map((module): RefresherModule => ({ slug: module.slug, title: lang === "en" ? module.titleEn : module.title, passed: module.passed })),
  };
}

export default function RefresherPage() {
  const t = useT();
  const { courseSlug, since, modules } = useLoaderData<typeof loader>();
  const done = modules.length > 0 && modules.every((module) => module.passed);
  return (
    <section className="narrow">
      <p>
        <Link to="/co-so">← {t("org.title")}</Link>
      </p>
      <h1>{t("refresher.title")}</h1>
      {since ? <p>{t("refresher.intro", { date: since })}</p> : <p>{t("refresher.notNeeded")}</p>}
      <ol className="module-list">
        {modules.map((module) => (
          <li key={module.slug} className="module-item">
            <span className="module-item__title">{module.title}</span>
            {module.passed ? (
              <span className="status status--done">{t("refresher.passed")}</span>
            ) : (
              <Form method="post" action={`/khoa-hoc/${courseSlug}/${module.slug}`}>
                <span className="muted">{t("refresher.todo")}</span> <input type="hidden" name="intent" value="start-quiz" />
                <button type="submit" className="button" aria-label={t("refresher.retakeFor", { title: module.title })}>
                  {t("refresher.retake")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ol>
      {done ? (
        <p>
          <span className="status status--done">{t("refresher.done")}</span>{" "}
          <Link to="/co-so/danh-gia" className="button button--primary">
            {t("cert.startAssessment")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
