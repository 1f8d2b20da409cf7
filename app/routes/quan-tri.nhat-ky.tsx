import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { trainingSessionKindKey } from "#app/components/training-session-kind";
import { getCatalogue } from "#app/content/catalogue.server";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { auditLine } from "#app/i18n/audit-text";
import { getLang } from "#app/i18n/lang.server";
import { roleKey, translate } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listAuditEntries } from "#app/models/audit.server";
import { CONTACT_KINDS } from "#app/models/contact-history.server";
import { requireAdmin } from "#app/utils/auth.server";
import { invariantResponse } from "#app/utils/http.server";
import { ROLES } from "#app/utils/roles";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "audit.title") }];

/** Who changed what, when, as sentences: district administrators only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  invariantResponse(admin.role === "district_admin", 403);
  const [lang, entries, { courses }] = await Promise.all([getLang(request), listAuditEntries(admin.unitPath), getCatalogue()]);
  const vocabulary = {
    groups: targetGroupLabels(lang),
    courses: Object.fromEntries(courses.map((course) => [course.slug, lang === "en" ? course.titleEn : course.title])),
    roles: Object.fromEntries(ROLES.map((role) => [role, translate(lang, roleKey(role))])),
    // Session kinds and contact kinds share the field name "kind" and no value.
    kinds: Object.fromEntries([
      ...["training", "communication"].map((kind) => [kind, translate(lang, trainingSessionKindKey(kind))]),
      ...CONTACT_KINDS.map((kind) => [kind, translate(lang, `contact.kind.${kind}`)]),
    ]),
  };
  return { entries: entries.map((entry) => ({ id: entry.id, ...auditLine(lang, entry, vocabulary) })) };
}

export default function AuditPage() {
  const t = useT();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <ol className="audit-log">
        {entries.map((entry) => (
          <li key={entry.id} className="audit-log__entry">
            <p>{entry.sentence}</p>
            {entry.fields.length > 0 ? (
              <dl className="audit-log__details">
                {entry.fields.map((field, index) => (
                  <div key={index}>
                    <dt>{field.label}</dt>
                    <dd>{field.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
