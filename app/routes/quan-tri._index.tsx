import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getReportReminders } from "#app/models/reporting/city.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminHome.title") }];

/** The admin's home: what is due in the reporting cycle, then the way to every admin page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const reminders = await getReportReminders(admin);
  const line = (report: { code: string; end: Date; due: Date }) => ({ code: report.code, end: formatDate(report.end), due: formatDate(report.due) });
  return {
    next: reminders.kind === "ward" && reminders.next ? { ...line(reminders.next.report), state: reminders.next.state, ended: reminders.next.ended } : null,
    wardAllFrozen: reminders.kind === "ward" && !reminders.next,
    late: reminders.kind === "scope" ? reminders.late.map((row) => ({ ...line(row.report), wards: row.wards })) : null,
  };
}

export default function AdminHomePage() {
  const t = useT();
  const { next, wardAllFrozen, late } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("adminHome.title")}</h1>
      <section aria-labelledby="report-reminders" className="notice">
        <h2 id="report-reminders">{t("reports.reminder.title")}</h2>
        {next ? (
          <p>
            <Link to={`/quan-tri/bao-cao-ky/${next.code}`}>
              {t("reports.reminder.next", { period: next.code, end: next.end, due: next.due, state: t(`reports.state.${next.state}`) })}
            </Link>
          </p>
        ) : null}
        {wardAllFrozen ? <p>{t("reports.reminder.allFrozen")}</p> : null}
        {late && late.length === 0 ? <p>{t("reports.reminder.noneLate")}</p> : null}
        {late?.map((row) => (
          <p key={row.code}>
            <Link to={`/quan-tri/bao-cao-ky/${row.code}`}>
              {t("reports.reminder.lateWards", { period: row.code, due: row.due, count: row.wards.length, wards: row.wards.join(", ") })}
            </Link>
          </p>
        ))}
      </section>
      <ul>
        <li>
          <Link to="/quan-tri/bao-cao-ky">{t("nav.reports")}</Link>
        </li>
        <li>
          <Link to="/quan-tri/bao-cao">{t("nav.coverage")}</Link>
        </li>
        <li>
          <Link to="/quan-tri/danh-sach">{t("nav.roster")}</Link>
        </li>
        <li>
          <Link to="/quan-tri/buoi-hoc">{t("nav.trainingSessions")}</Link>
        </li>
        <li>
          <Link to="/quan-tri/chung-nhan">{t("nav.certification")}</Link>
        </li>
        <li>
          <Link to="/quan-tri/nguoi-dung">{t("nav.admin")}</Link>
        </li>
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
