import type { LoaderFunctionArgs } from "@remix-run/node";

import { trainingSessionKindKey } from "#app/components/training-session-kind";
import { getCatalogue } from "#app/content/catalogue.server";
import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { listTrainingSessions } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { exportFormat, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** Every in-person training session of the admin's scope, newest first, as CSV or Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [lang, trainingSessions, { courses }] = await Promise.all([getLang(request), listTrainingSessions(admin, null), getCatalogue()]);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const titleOf = (slug: string) => {
    const course = courses.find((candidate) => candidate.slug === slug);
    return (lang === "en" ? course?.titleEn : course?.title) ?? slug;
  };
  return spreadsheetResponse(exportFormat(request), {
    fileName: "buoi-tap-huan-truyen-thong",
    title: t("trainingSessions.title"),
    facts: [],
    extractedAtLabel: t("coverage.extractedAt"),
    header: [
      t("trainingSessions.date"),
      t("form.ward"),
      t("trainingSessions.place"),
      t("trainingSessions.kind"),
      t("trainingSessions.courses"),
      t("trainingSessions.trainer"),
      t("trainingSessions.attendeesHeader"),
      t("trainingSessions.headcountHeader"),
    ],
    rows: trainingSessions.map((trainingSession) => [
      formatDate(trainingSession.heldOn),
      trainingSession.unit.name,
      trainingSession.place,
      t(trainingSessionKindKey(trainingSession.kind)),
      trainingSession.courseSlugs.map(titleOf).join("; "),
      trainingSession.trainer,
      trainingSession._count.attendance,
      trainingSession.headcount ?? 0,
    ]),
  });
}
