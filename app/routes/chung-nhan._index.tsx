import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { organisationKindKey } from "#app/components/certificate-status";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listRegistry } from "#app/models/certification/certificate.server";
import { validUntilOf } from "#app/models/certification/rules.server";
import { ORGANISATION_KINDS } from "#app/models/certification/terms.server";
import { listWards } from "#app/models/unit.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "registry.title") }];

// A revoked or expired certificate leaves the list at once: no copy may be kept.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function registryQuerySchema() {
  return z.object({
    q: z.string().max(100).catch(""),
    phuong: z.string().max(50).nullable().catch(null),
    loai: z.enum(ORGANISATION_KINDS).nullable().catch(null),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  });
}

/** The public registry of organisations certified now. No sign-in; no person's name or contact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const query = registryQuerySchema().parse({
    q: params.get("q") ?? "",
    phuong: params.get("phuong") || null,
    loai: params.get("loai") || null,
    page: params.get("page") ?? 1,
  });
  const [wards, registry] = await Promise.all([listWards(), listRegistry({ q: query.q, wardCode: query.phuong, kind: query.loai, page: query.page })]);
  return json(
    {
      q: query.q,
      ward: query.phuong ?? "",
      kind: query.loai ?? "",
      page: query.page,
      wards: wards.map((ward) => ({ value: ward.code, label: ward.name })),
      kinds: [...ORGANISATION_KINDS],
      total: registry.total,
      pageCount: registry.pageCount,
      entries: registry.entries.map((entry) => ({
        code: entry.code,
        name: entry.holderName,
        kind: entry.kind,
        ward: entry.wardName,
        validUntil: validUntilOf(entry.expiresAt) ?? "",
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function RegistryPage() {
  const t = useT();
  const { q, ward, kind, page, wards, kinds, total, pageCount, entries } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("registry.title")}</h1>
      <p>{t("registry.intro")}</p>
      <p>{t("registry.basis")}</p>
      <Form method="get" className="registry-filter" role="search">
        <div className="field">
          <label htmlFor="registry-q">{t("registry.search")}</label>
          <input id="registry-q" type="search" name="q" defaultValue={q} placeholder={t("registry.searchPlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="registry-ward">{t("registry.ward")}</label>
          <select id="registry-ward" name="phuong" defaultValue={ward}>
            <option value="">{t("registry.allWards")}</option>
            {wards.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="registry-kind">{t("registry.kind")}</label>
          <select id="registry-kind" name="loai" defaultValue={kind}>
            <option value="">{t("registry.allKinds")}</option>
            {kinds.map((option) => (
              <option key={option} value={option}>
                {t(organisationKindKey(option))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("registry.submit")}
        </button>
      </Form>
      <p>{t("registry.count", { count: total })}</p>
      <ul className="record-list registry">
        {entries.map((entry) => (
          <li key={entry.code} className="record">
            <span className="record__title">{entry.name}</span>
            <span>{t(organisationKindKey(entry.kind))}</span>
            <span>{entry.ward}</span>
            <span>
              {t("cert.validUntil")} {entry.validUntil} ·{" "}
              <Link to={`/xac-minh/${entry.code}`} aria-label={t("registry.verifyFor", { name: entry.name })}>
                {t("verify.submit")}
              </Link>
            </span>
          </li>
        ))}
      </ul>
      {entries.length === 0 ? <p>{t("registry.none")}</p> : null}
      <Pagination page={page} pageCount={pageCount} />
      <p>
        <Link to="/xac-minh">{t("verify.title")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
