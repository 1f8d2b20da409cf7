import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { unitLabelOn } from "#app/i18n/unit-labels";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listDuplicatePairs, mergeEntries } from "#app/models/roster-duplicates.server";
import { scopeOn } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "duplicates.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function mergeSchema() {
  return z.object({ keepId: requiredField, mergeId: requiredField });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [lang, pairs] = await Promise.all([getLang(request), scopeOn(admin.unitPath).then(listDuplicatePairs)]);
  const groups = targetGroupLabels(lang);
  const shown = (entry: (typeof pairs)[number]["first"]) => ({
    id: entry.id,
    name: entry.name,
    phone: entry.phone ? formatPhone(entry.phone) : "",
    birthYear: entry.birthYear,
    group: groups[entry.targetGroup] ?? entry.targetGroup,
    // A former ward says so ("Kiến Hưng (cũ, đến 30/6/2025)"): two wards of one name read apart.
    ward: unitLabelOn(lang, entry.unit, new Date()),
    attendance: entry._count.attendance,
    qualifications: entry._count.qualifications,
  });
  return {
    merged: new URL(request.url).searchParams.has("da-gop"),
    pairs: pairs.map((pair) => ({ first: shown(pair.first), second: shown(pair.second) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = parseForm(await readForm(request), mergeSchema());
  if (!form.ok) return rejectForm(form);
  const merged = await mergeEntries(admin, await scopeOn(admin.unitPath), form.data.keepId, form.data.mergeId);
  if (!merged) return rejectForm({ message: "duplicates.cannotMerge" });
  return redirect("/quan-tri/danh-sach/trung?da-gop=1");
}

export default function DuplicatesPage() {
  const t = useT();
  const { merged, pairs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/quan-tri/danh-sach">← {t("roster.title")}</Link>
      </p>
      <h1>{t("duplicates.title")}</h1>
      <p>{t("duplicates.intro")}</p>
      {merged ? (
        <p className="notice" role="status">
          {t("duplicates.merged")}
        </p>
      ) : null}
      <ErrorSummary message={actionData?.message} />
      {pairs.length === 0 ? <p>{t("duplicates.none")}</p> : null}
      <ol className="record-list">
        {pairs.map((pair, index) => (
          <li key={`${pair.first.id}-${pair.second.id}`} className="record" aria-label={t("duplicates.pair", { number: index + 1 })}>
            {[
              [pair.first, pair.second],
              [pair.second, pair.first],
            ].map(([keep, other]) => (
              <div key={keep!.id} className="stack">
                <span className="record__title">{keep!.name}</span>
                {keep!.birthYear ? <span>{t("roster.bornIn", { year: keep!.birthYear })}</span> : null}
                <span>
                  {keep!.phone} · {keep!.group} · {keep!.ward}
                </span>
                <span>{t("duplicates.history", { attendance: keep!.attendance, qualifications: keep!.qualifications })}</span>
                <Form method="post">
                  <input type="hidden" name="keepId" value={keep!.id} />
                  <input type="hidden" name="mergeId" value={other!.id} />
                  <button type="submit" className="button">
                    {t("duplicates.keep", { name: keep!.name, ward: keep!.ward })}
                  </button>
                </Form>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
