import { Form } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/i18n/use-t";

/** A GET form that sends a typed certificate code to /xac-minh; works without JavaScript. */
export function VerifyForm() {
  const t = useT();
  return (
    <Form method="get" action="/xac-minh" className="stack">
      <p>{t("verify.intro")}</p>
      <div className="field">
        <label htmlFor="verify-code">{t("verify.code")}</label>
        <p className="field__hint" id="verify-code-hint">
          {t("verify.codeHint")}
        </p>
        <input id="verify-code" name="ma" autoComplete="off" autoCapitalize="characters" spellCheck={false} aria-describedby="verify-code-hint" />
      </div>
      <button type="submit" className="button button--primary">
        {t("verify.submit")}
      </button>
    </Form>
  );
}

/** The verification pages' error page: an unknown code says so, and the form is there to try again. */
export function VerifyErrorBoundary() {
  return (
    <section className="narrow">
      <GeneralErrorBoundary messages={{ 404: { title: "verify.notFound.title", body: "verify.notFound.body" } }} />
      <VerifyForm />
    </section>
  );
}
