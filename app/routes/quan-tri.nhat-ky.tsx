import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { TableScroll } from "#app/components/table-scroll";
import { getLang } from "#app/i18n/lang.server";
import { auditActionLabel } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listAuditEntries } from "#app/models/audit.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, formatTime } from "#app/utils/dates";
import { invariantResponse } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "audit.title") }];

/** Who changed what, when: district administrators only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  invariantResponse(admin.role === "district_admin", 403);
  const [lang, entries] = await Promise.all([getLang(request), listAuditEntries()]);
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      at: `${formatDate(entry.createdAt)} ${formatTime(entry.createdAt)}`,
      actor: entry.actor,
      action: auditActionLabel(lang, entry.action),
      target: `${entry.targetType} ${entry.targetId}`,
      details: entry.details,
    })),
  };
}

export default function AuditPage() {
  const t = useT();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <TableScroll label={t("audit.title")}>
        <table className="coverage">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.at}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>
                  <code>{entry.details}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
