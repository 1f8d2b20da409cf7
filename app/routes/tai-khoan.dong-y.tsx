import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useSearchParams } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { pageTitle, useT } from "#app/i18n/use-t";
import { recordConsent } from "#app/models/consent.server";
import { requireUser } from "#app/utils/auth.server";
import { readForm } from "#app/utils/forms.server";
import { safeRedirect } from "#app/utils/redirect";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "consent.title") }];

/** Where sign-in sends a person who has not agreed to the notice's current version. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  await recordConsent(user.id);
  return redirect(safeRedirect(formData.get("redirectTo")));
}

export default function ConsentPage() {
  const t = useT();
  const [searchParams] = useSearchParams();
  return (
    <section className="narrow">
      <h1>{t("consent.title")}</h1>
      <p>{t("consent.changed")}</p>
      <p>
        <Link to="/quyen-rieng-tu">{t("privacy.read")}</Link>
      </p>
      <Form method="post">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <button type="submit" className="button button--primary">
          {t("consent.agree")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
