import { Link } from "@remix-run/react";

import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

const STATUS_LABEL: Record<string, MessageKey> = {
  valid: "cert.certStatus.valid",
  not_yet_valid: "cert.certStatus.not_yet_valid",
  expired: "cert.certStatus.expired",
  revoked: "cert.certStatus.revoked",
};

/** A certificate's status in words beside its colour (never colour alone), e.g. "Còn hiệu lực". */
export function CertificateStatus({ status }: { status: string }) {
  const t = useT();
  return <span className={`cert-status cert-status--${status}`}>{t(STATUS_LABEL[status] ?? "cert.certStatus.expired")}</span>;
}

const KIND_LABEL: Record<string, MessageKey> = {
  business: "org.kind.business",
  cooperative: "org.kind.cooperative",
  household: "org.kind.household",
};

/** The message key of an organisation's kind (business, cooperative, household). */
export function organisationKindKey(kind: string): MessageKey {
  return KIND_LABEL[kind] ?? "org.kind.business";
}

const APPLICATION_STATUS_LABEL: Record<string, MessageKey> = {
  draft: "cert.status.draft",
  submitted: "cert.status.submitted",
  changes_requested: "cert.status.changes_requested",
  approved: "cert.status.approved",
  rejected: "cert.status.rejected",
};

export function applicationStatusKey(status: string): MessageKey {
  return APPLICATION_STATUS_LABEL[status] ?? "cert.status.draft";
}

const EVENT_LABEL: Record<string, MessageKey> = {
  submitted: "cert.event.submitted",
  approved: "cert.event.approved",
  rejected: "cert.event.rejected",
  changes_requested: "cert.event.changes_requested",
  revoked: "cert.event.revoked",
};

export function certificationEventKey(kind: string): MessageKey {
  return EVENT_LABEL[kind] ?? "cert.event.submitted";
}

export type CardCertificate = { code: string; status: string; issuedOn: string; validUntil: string | null; revokedOn: string | null; revocationReason: string | null };

/** A certificate as its holder and its reviewers see it: status, code, dates, revocation, PDF and verification links. */
export function CertificateCard({ certificate, children }: { certificate: CardCertificate; children?: React.ReactNode }) {
  const t = useT();
  return (
    <li className="certificate-card">
      <CertificateStatus status={certificate.status} />
      <dl className="facts">
        <dt>{t("cert.code")}</dt>
        <dd className="cert-code">{certificate.code}</dd>
        <dt>{t("cert.issuedOn")}</dt>
        <dd>{certificate.issuedOn}</dd>
        <dt>{t("cert.validUntil")}</dt>
        <dd>{certificate.validUntil}</dd>
      </dl>
      {certificate.revokedOn ? (
        <p>
          {t("cert.revokedOn", { date: certificate.revokedOn })}
          {certificate.revocationReason ? `. ${t("cert.revocationReason", { reason: certificate.revocationReason })}` : null}
        </p>
      ) : null}
      <CertificateLinks code={certificate.code} />
      {children}
    </li>
  );
}

/** A certificate's PDF and its public verification page. */
export function CertificateLinks({ code }: { code: string }) {
  const t = useT();
  return (
    <p className="exports">
      <a href={`/chung-nhan/${code}/pdf`} download>
        {t("cert.downloadPdf")}
      </a>
      <Link to={`/xac-minh/${code}`}>{t("cert.verifyPage")}</Link>
    </p>
  );
}
