import { Form } from "@remix-run/react";
import { useId } from "react";

import { useT } from "#app/i18n/use-t";

/** A GET search by name or phone: works without JavaScript, keeps the query in the URL. */
export function SearchForm({ q, placeholder }: { q: string; placeholder?: string }) {
  const t = useT();
  const id = useId();
  return (
    <Form method="get" className="search-form" role="search">
      <label htmlFor={id}>{t("users.search")}</label>
      <div className="search-form__row">
        <input id={id} type="search" name="q" defaultValue={q} placeholder={placeholder} />
        <button type="submit" className="button">
          {t("users.searchSubmit")}
        </button>
      </div>
    </Form>
  );
}
