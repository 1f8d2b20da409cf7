import type { LoaderFunctionArgs } from "@remix-run/node";

import { getCatalogue } from "#app/content/catalogue.server";
import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";
import { listTrainingSessions } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { exportFormat, spreadsheetResponse } from "#app/utils/spreadsheet/write.server";

/** Every in-person session of the admin's scope, newest first, as CSV or Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [lang, sessions, { courses }] = await Promise.all([getLang(request), listTrainingSessions(admin, null), getCatalogue()]);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const titleOf = (slug: string) => {
    const course = courses.find((candidate) => candidate.slug === slug);
    return (lang === "en" ? course?.titleEn : course?.title) ?? slug;
  };
  return spreadsheetResponse(exportFormat(request), {
    fileName: "buoi-tap-huan-truyen-thong",
    title: t("sessions.title"),
    facts: [],
    extractedAtLabel: t("coverage.extractedAt"),
    header: [
      t("sessions.date"),
      t("form.ward"),
      t("sessions.place"),
      t("sessions.kind"),
      t("sessions.courses"),
      t("sessions.trainer"),
      t("sessions.attendeesHeader"),
      t("sessions.headcountHeader"),
    ],
    rows: sessions.map((session) => [
      formatDate(session.heldOn),
      session.unit.name,
      session.place,
      t(session.kind === "training" ? "sessions.kind.training" : "sessions.kind.communication"),
      session.courseSlugs.map(titleOf).join("; "),
      session.trainer,
      session._count.attendance,
      session.headcount ?? 0,
    ]),
  });
}
