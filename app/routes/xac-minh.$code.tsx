import { json, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { CertificateStatus, organisationKindKey } from "#app/components/certificate-status";
import { VerifyErrorBoundary } from "#app/components/verify-form";
import { getCatalogue } from "#app/content/catalogue.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findCertificateByCode } from "#app/models/certification/certificate.server";
import { validUntilOf } from "#app/models/certification/rules.server";
import { formatDate, formatTime } from "#app/utils/dates";
import { notFound } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verify.title") }, { name: "robots", content: "noindex" }];

// A revocation shows at once: no copy of this page may be kept by a browser or a proxy.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

/**
 * The public page a certificate's QR code opens: the holder, the ward, the status and the dates.
 * No person's contact, no revocation reason; an unknown or malformed code is a plain 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const certificate = await findCertificateByCode(params.code ?? "", now);
  if (!certificate) throw notFound({ headers: { "Cache-Control": "no-store" } });
  // A code typed in lower case or without dashes lands on the one address printed on the certificate.
  if (certificate.code !== params.code) throw redirect(`/xac-minh/${certificate.code}`);
  const lang = await getLang(request);
  const course = certificate.courseSlug ? (await getCatalogue()).courses.find((candidate) => candidate.slug === certificate.courseSlug) : undefined;
  return json(
    {
      code: certificate.code,
      kind: certificate.kind,
      holderName: certificate.holderName,
      organisationKind: certificate.organisationKind,
      wardName: certificate.wardName,
      courseTitle: course ? (lang === "en" ? course.titleEn : course.title) : null,
      status: certificate.status,
      issuedOn: formatDate(certificate.issuedAt),
      validUntil: validUntilOf(certificate.expiresAt),
      revokedOn: certificate.revokedAt && certificate.status === "revoked" ? formatDate(certificate.revokedAt) : null,
      checkedOn: formatDate(now),
      checkedAt: formatTime(now),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function VerifyCertificatePage() {
  const t = useT();
  const certificate = useLoaderData<typeof loader>();
  const isCourse = certificate.kind === "course";
  return (
    <section className="narrow verification">
      <h1>{t("verify.title")}</h1>
      <div className={`verification__card verification__card--${certificate.status}`}>
        <p className="verification__kind">{t(isCourse ? "verify.courseCert" : "verify.organisationCert")}</p>
        {isCourse ? null : <p className="verification__basis">{t("cert.basis")}</p>}
        <p className="verification__status">
          <CertificateStatus status={certificate.status} />
          {certificate.revokedOn ? ` · ${t("cert.revokedOn", { date: certificate.revokedOn })}` : null}
          {certificate.status === "not_yet_valid" ? ` · ${t("verify.validFrom", { date: certificate.issuedOn })}` : null}
        </p>
        <dl className="facts">
          <dt>{t(isCourse ? "verify.learner" : "verify.holder")}</dt>
          <dd className="verification__holder">{certificate.holderName}</dd>
          {certificate.organisationKind ? (
            <>
              <dt>{t("org.kind")}</dt>
              <dd>{t(organisationKindKey(certificate.organisationKind))}</dd>
            </>
          ) : null}
          {certificate.courseTitle ? (
            <>
              <dt>{t("verify.course")}</dt>
              <dd>{certificate.courseTitle}</dd>
            </>
          ) : null}
          <dt>{t("form.ward")}</dt>
          <dd>{certificate.wardName}</dd>
          <dt>{t("cert.code")}</dt>
          <dd className="cert-code">{certificate.code}</dd>
          <dt>{t("cert.issuedOn")}</dt>
          <dd>{certificate.issuedOn}</dd>
          <dt>{t("cert.validUntil")}</dt>
          <dd>{certificate.validUntil ?? t("verify.noExpiry")}</dd>
        </dl>
        <p className="muted">{t("verify.checkedAt", { time: certificate.checkedAt, date: certificate.checkedOn })}</p>
      </div>
      <p>
        <Link to="/xac-minh">{t("verify.another")}</Link> · <Link to="/chung-nhan">{t("verify.registry")}</Link>
      </p>
    </section>
  );
}

export { VerifyErrorBoundary as ErrorBoundary };
