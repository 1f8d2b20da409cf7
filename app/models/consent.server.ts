import { PRIVACY_NOTICE_VERSION } from "#app/content/privacy-notice";
import { prisma } from "#app/utils/db.server";

/** Records the person's agreement to the privacy notice as it stands now. */
export async function recordConsent(userId: string, version = PRIVACY_NOTICE_VERSION) {
  await prisma.consent.create({ data: { userId, noticeVersion: version }, select: { id: true } });
}

/** Whether the person has agreed to the notice's current version; false after a material change. */
export async function hasCurrentConsent(userId: string, version = PRIVACY_NOTICE_VERSION) {
  return (await prisma.consent.count({ where: { userId, noticeVersion: version } })) > 0;
}
