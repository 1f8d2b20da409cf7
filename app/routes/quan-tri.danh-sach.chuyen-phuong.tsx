import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField } from "#app/components/form-field";
import { Pagination } from "#app/components/pagination";
import { TableScroll } from "#app/components/table-scroll";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listEntriesToRehome, rehomeEntries } from "#app/models/roster-rehome.server";
import { requireAdmin } from "#app/utils/auth.server";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { readListQuery } from "#app/utils/list-query";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "rehome.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function moveSchema() {
  return z.object({ entryIds: z.array(z.string().min(1).max(40)).min(1).max(500), toWardId: z.string().min(1).max(40) });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const searchParams = new URL(request.url).searchParams;
  const { q, page } = readListQuery(searchParams);
  const formerWardId = searchParams.get("cu") || null;
  const moved = Number(searchParams.get("da-chuyen")) || null;
  const [lang, listed] = await Promise.all([getLang(request), listEntriesToRehome(admin, { formerWardId, q, page })]);
  const groups = targetGroupLabels(lang);
  const formerWard = new Map(listed.splitWards.map((ward) => [ward.id, ward]));
  const chosen = listed.splitWards.filter((ward) => !formerWardId || ward.id === formerWardId);
  const destinations = new Map(chosen.flatMap((ward) => ward.successors).map((ward) => [ward.id, { value: ward.id, label: ward.name }]));
  return {
    q,
    page,
    formerWardId,
    moved,
    formerWards: listed.splitWards.map((ward) => ({ value: ward.id, label: ward.name })),
    destinations: [...destinations.values()],
    total: listed.total,
    pageCount: listed.pageCount,
    entries: listed.entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      phone: entry.phone ? formatPhone(entry.phone) : "",
      group: groups[entry.targetGroup] ?? entry.targetGroup,
      formerWard: formerWard.get(entry.unitId)?.name ?? "",
      now: formerWard.get(entry.unitId)?.defaultWard.name ?? "",
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const parsed = moveSchema().safeParse({ entryIds: formData.getAll("entryId"), toWardId: formData.get("toWardId") });
  if (!parsed.success) return rejectForm({ message: "rehome.noneSelected" });
  const moved = await rehomeEntries(admin, parsed.data.entryIds, parsed.data.toWardId);
  const back = new URL(request.url);
  back.searchParams.set("da-chuyen", String(moved));
  return redirect(`${back.pathname}?${back.searchParams}`);
}

export default function RehomePage() {
  const t = useT();
  const { q, page, formerWardId, moved, formerWards, destinations, total, pageCount, entries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/quan-tri/danh-sach">← {t("roster.title")}</Link>
      </p>
      <h1>{t("rehome.title")}</h1>
      <p>{t("rehome.intro")}</p>
      {moved !== null ? (
        <p className="notice" role="status">
          {t("rehome.moved", { count: moved })}
        </p>
      ) : null}
      <ErrorSummary message={actionData?.message} />
      <Form method="get" className="stack narrow" role="search">
        <SelectField name="cu" label={t("rehome.formerWard")} options={formerWards} placeholder={t("rehome.allFormerWards")} defaultValue={formerWardId ?? ""} />
        <div className="field">
          <label htmlFor="rehome-q">{t("users.search")}</label>
          <input id="rehome-q" type="search" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          {t("rehome.filter")}
        </button>
      </Form>
      <p>{t("users.count", { count: total })}</p>
      {entries.length === 0 ? (
        <p>{t("rehome.none")}</p>
      ) : (
        <Form method="post" className="stack">
          <TableScroll label={t("rehome.title")}>
            <table className="coverage">
              <thead>
                <tr>
                  <th scope="col">{t("rehome.select", { name: "" })}</th>
                  <th scope="col">{t("roster.name")}</th>
                  <th scope="col">{t("form.phone")}</th>
                  <th scope="col">{t("roster.group")}</th>
                  <th scope="col">{t("rehome.formerWard")}</th>
                  <th scope="col">{t("rehome.now")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <input type="checkbox" name="entryId" value={entry.id} aria-label={t("rehome.select", { name: entry.name })} />
                    </td>
                    <td>{entry.name}</td>
                    <td>{entry.phone}</td>
                    <td>{entry.group}</td>
                    <td>{entry.formerWard}</td>
                    <td>{entry.now}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <SelectField name="toWardId" label={t("rehome.moveTo")} options={destinations} placeholder={t("form.choose")} required />
          <button type="submit" className="button button--primary">
            {t("rehome.submit")}
          </button>
        </Form>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
