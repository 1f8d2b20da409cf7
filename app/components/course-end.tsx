import { Form, Link } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";

export type CourseEndFacts = { code: string | null; next: { slug: string; title: string } | null };

/** "Bạn đã hoàn thành khóa học": the certificate in one tap and the next course of the learner's group. */
export function CourseEnd({ courseSlug, end }: { courseSlug: string; end: CourseEndFacts }) {
  const t = useT();
  return (
    <section className="course-end" aria-labelledby="course-end-title">
      <h2 id="course-end-title">{t("courseEnd.title")}</h2>
      {end.code ? (
        <p className="course-end__actions">
          <a href={`/chung-nhan/${end.code}/pdf`} download className="button button--primary">
            {t("cert.downloadPdf")}
          </a>
          <Link to={`/khoa-hoc/${courseSlug}/chung-nhan`}>{t("courseEnd.viewCertificate")}</Link>
        </p>
      ) : (
        <>
          <p>{t("courseCert.intro")}</p>
          <Form method="post" action={`/khoa-hoc/${courseSlug}/chung-nhan`}>
            <button type="submit" className="button button--primary">
              {t("courseCert.issue")}
            </button>
          </Form>
        </>
      )}
      {end.next ? (
        <p>
          {t("courseEnd.next")}{" "}
          <Link to={`/khoa-hoc/${end.next.slug}`} className="button">
            {end.next.title}
          </Link>
        </p>
      ) : (
        <p>{t("courseEnd.allDone")}</p>
      )}
    </section>
  );
}
