import { Form } from "@remix-run/react";

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
