import type { LoaderFunctionArgs } from "@remix-run/node";

import { getCatalogue } from "#app/content/catalogue.server";
import { getLang } from "#app/i18n/lang.server";
import { findCertificateForDownload } from "#app/models/certification/certificate.server";
import { lastValidDay } from "#app/models/certification/rules.server";
import { requireUser } from "#app/utils/auth.server";
import { renderCertificatePdf } from "#app/utils/certificate-pdf.server";
import { publicUrl } from "#app/utils/env.server";
import { notFound } from "#app/utils/http.server";

/**
 * A certificate as an A4 PDF, for its holder (the organisation's members, the learner) and the
 * administrators of its ward. Its QR code opens the public verification page, which shows the
 * certificate's status at the time of the scan, whatever the paper says.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const certificate = await findCertificateForDownload(user, params.code ?? "");
  if (!certificate) throw notFound();
  const lang = await getLang(request);
  const course = certificate.courseSlug ? (await getCatalogue()).courses.find((candidate) => candidate.slug === certificate.courseSlug) : undefined;
  const pdf = await renderCertificatePdf({
    kind: certificate.kind === "course" ? "course" : "organisation",
    holderName: certificate.holderName,
    wardName: certificate.wardName,
    courseTitle: course?.title,
    code: certificate.code,
    issuedOn: certificate.issuedAt,
    expiresOn: certificate.expiresAt ? lastValidDay(certificate.expiresAt) : null,
    verifyUrl: `${publicUrl}/xac-minh/${certificate.code}`,
    lang,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="giay-chung-nhan-${certificate.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
