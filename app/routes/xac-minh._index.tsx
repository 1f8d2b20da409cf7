import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

import { VerifyErrorBoundary, VerifyForm } from "#app/components/verify-form";
import { pageTitle, useT } from "#app/i18n/use-t";
import { normaliseVerificationCode } from "#app/models/certification/rules.server";
import { notFound } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verify.title") }];

/** A typed code goes to its verification page; one that cannot be a code is "not found" at once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("ma");
  if (typed === null || typed.trim() === "") return null;
  const code = normaliseVerificationCode(typed);
  if (!code) throw notFound();
  throw redirect(`/xac-minh/${code}`);
}

export default function VerifyFormPage() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("verify.title")}</h1>
      <VerifyForm />
      <p>
        <Link to="/chung-nhan">{t("verify.registry")}</Link>
      </p>
    </section>
  );
}

export { VerifyErrorBoundary as ErrorBoundary };
