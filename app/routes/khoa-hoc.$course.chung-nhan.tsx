import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { CertificateLinks } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { requireCourse } from "#app/content/courses.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getCourseCertificate, issueCourseCertificate } from "#app/models/certification/certificate.server";
import { getCourseProgress } from "#app/models/progress.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "courseCert.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(params.course);
  const [lang, progress, certificate] = await Promise.all([getLang(request), getCourseProgress(user.id, course), getCourseCertificate(user.id, course.slug)]);
  return {
    course: { slug: course.slug, title: lang === "en" ? course.titleEn : course.title },
    completedOn: progress.completedAt ? formatDate(progress.completedAt) : null,
    certificate: certificate ? { code: certificate.code, issuedOn: formatDate(certificate.issuedAt) } : null,
  };
}

/** Issues the learner's certificate for the course, once; a repeated post finds it issued. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(params.course);
  await issueCourseCertificate(user, course.slug);
  return redirect(`/khoa-hoc/${course.slug}/chung-nhan`);
}

export default function CourseCertificatePage() {
  const t = useT();
  const { course, completedOn, certificate } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <p>
        <Link to={`/khoa-hoc/${course.slug}`}>← {course.title}</Link>
      </p>
      <h1>{t("courseCert.title")}</h1>
      <p>
        <strong>{course.title}</strong>
      </p>
      {!completedOn ? (
        <p className="form-message" role="alert">
          {t("courseCert.notCompleted")}
        </p>
      ) : certificate ? (
        <div className="certificate-card">
          <dl className="facts">
            <dt>{t("cert.code")}</dt>
            <dd className="cert-code">{certificate.code}</dd>
            <dt>{t("cert.issuedOn")}</dt>
            <dd>{certificate.issuedOn}</dd>
          </dl>
          <CertificateLinks code={certificate.code} />
        </div>
      ) : (
        <>
          <p className="status status--done">{t("courses.completedOn", { date: completedOn })}</p>
          <p>{t("courseCert.intro")}</p>
          <Form method="post">
            <button type="submit" className="button button--primary">
              {t("courseCert.issue")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
