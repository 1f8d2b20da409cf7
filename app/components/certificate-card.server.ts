import { validUntilOf } from "#app/models/certification/rules.server";
import { formatDate } from "#app/utils/dates";

import type { CardCertificate } from "./certificate-status";

type CardFacts = { code: string; status: string; issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null; revocationReason: string | null };

/** A certificate as CertificateCard shows it, its dates printed by the loader, in Hà Nội time. */
export function certificateCard(certificate: CardFacts): CardCertificate {
  return {
    code: certificate.code,
    status: certificate.status,
    issuedOn: formatDate(certificate.issuedAt),
    validUntil: validUntilOf(certificate.expiresAt),
    revokedOn: certificate.revokedAt ? formatDate(certificate.revokedAt) : null,
    revocationReason: certificate.revocationReason,
  };
}
