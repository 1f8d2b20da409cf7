import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { CertificateStatus } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { validUntilOf } from "#app/models/certification/rules.server";
import { listMyCertificates } from "#app/models/my-certificates.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "myCerts.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const lang = await getLang(request);
  const { courses, organisation } = await listMyCertificates(user.id, lang);
  return {
    courses: courses.map((course) => ({ slug: course.slug, title: course.title, completedOn: formatDate(course.completedAt), code: course.code })),
    organisation: organisation
      ? {
          name: organisation.name,
          certificate: organisation.certificate
            ? { code: organisation.certificate.code, status: organisation.certificate.status, validUntil: validUntilOf(organisation.certificate.expiresAt) }
            : null,
        }
      : null,
  };
}

export default function MyCertificatesPage() {
  const t = useT();
  const { courses, organisation } = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to="/tai-khoan">← {t("account.title")}</Link>
      </p>
      <h1>{t("myCerts.title")}</h1>
      <h2>{t("myCerts.courses")}</h2>
      {courses.length === 0 ? (
        <p>
          {t("myCerts.none")} <Link to="/khoa-hoc">{t("nav.courses")}</Link>
        </p>
      ) : (
        <ul className="record-list">
          {courses.map((course) => (
            <li key={course.slug} className="certificate-card">
              <p className="record__title">
                <Link to={`/khoa-hoc/${course.slug}`}>{course.title}</Link>
              </p>
              <dl className="facts">
                <dt>{t("myCerts.completedOn")}</dt>
                <dd>{course.completedOn}</dd>
                {course.code ? (
                  <>
                    <dt>{t("cert.code")}</dt>
                    <dd className="cert-code">{course.code}</dd>
                  </>
                ) : null}
              </dl>
              {course.code ? (
                <p className="exports">
                  <a href={`/chung-nhan/${course.code}/pdf`} download aria-label={t("myCerts.downloadFor", { course: course.title })}>
                    {t("myCerts.download")}
                  </a>
                  <Link to={`/xac-minh/${course.code}`}>{t("cert.verifyPage")}</Link>
                </p>
              ) : (
                <Form method="post" action={`/khoa-hoc/${course.slug}/chung-nhan`}>
                  <button type="submit" className="button button--primary" aria-label={t("myCerts.issueFor", { course: course.title })}>
                    {t("courseCert.issue")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {organisation ? (
        <>
          <h2>{t("myCerts.organisation", { name: organisation.name })}</h2>
          {organisation.certificate ? (
            <div className="certificate-card">
              <CertificateStatus status={organisation.certificate.status} />
              <dl className="facts">
                <dt>{t("cert.code")}</dt>
                <dd className="cert-code">{organisation.certificate.code}</dd>
                <dt>{t("cert.validUntil")}</dt>
                <dd>{organisation.certificate.validUntil}</dd>
              </dl>
            </div>
          ) : (
            <p>{t("myCerts.organisationNone")}</p>
          )}
          <p>
            <Link to="/co-so">{t("myCerts.organisationLink")}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
