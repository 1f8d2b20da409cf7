import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { maskAddress } from "#app/models/outbox/admin-list.server";
import { findOptOutLink, recordOptOut } from "#app/models/outbox/opt-out.server";
import { formatDate } from "#app/utils/dates";
import { readForm } from "#app/utils/forms.server";
import { notFound } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "optOut.title") }, { name: "robots", content: "noindex" }];

// The address holds the link's secret: no copy of the page is kept, and the site's Referrer-Policy
// (same-origin) sends it to no other site. Not "no-referrer": a browser then posts the form without
// JavaScript with `Origin: null`, which the origin check refuses.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/**
 * The link every message of the outbox ends with, opened without signing in (issue 22, item 6):
 * the address it was sent to, masked as lists mask it, and one button that stops every message to
 * it. A link nobody was sent is a plain 404: the token is random, so this tells nothing about
 * which addresses the platform knows.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findOptOutLink(params.token ?? "");
  if (!link) throw notFound({ headers: { "Cache-Control": "no-store" } });
  return { address: maskAddress(link.address), optedOutOn: link.optedOutAt ? formatDate(link.optedOutAt) : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const link = await findOptOutLink(params.token ?? "");
  if (!link) throw notFound();
  await recordOptOut(link.address, { source: "link" });
  return redirect(`/tu-choi/${params.token}?da-tu-choi=1`);
}

export default function OptOutPage() {
  const t = useT();
  const { address, optedOutOn } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <section className="stack narrow">
      <h1>{t("optOut.title")}</h1>
      {searchParams.has("da-tu-choi") && optedOutOn ? (
        <p className="notice" role="status" data-form-result="">
          {t("optOut.done", { address })}
        </p>
      ) : null}
      <p>{t("optOut.intro", { address })}</p>
      {optedOutOn ? (
        <p>{t("optOut.since", { date: optedOutOn })}</p>
      ) : (
        <Form method="post" className="stack">
          <p>{t("optOut.question")}</p>
          <button type="submit" className="button button--primary">
            {t("optOut.confirm")}
          </button>
        </Form>
      )}
      <p className="muted">{t("optOut.afterwards")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
