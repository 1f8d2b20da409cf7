import { Form } from "@remix-run/react";
import { useId } from "react";

import { useT } from "#app/i18n/use-t";

type Props = {
  /** The text typed, as the address holds it */
  asked: string;
  /** One line per successor of each former ward found ("Vạn Phúc → nay thuộc phường Hà Đông"); null before a search */
  found: string[] | null;
  /** The former wards' names, offered as the person types */
  names: string[];
};

/**
 * A search step for people who know only their old ward: a plain GET form, so it works without
 * JavaScript (the names come from a datalist, the answer from the server) and on phones, whose
 * pickers cannot be typed into.
 */
export function FormerWardSearch({ asked, found, names }: Props) {
  const t = useT();
  const id = useId();
  return (
    <Form method="get" className="stack" role="search">
      <div className="field">
        <label htmlFor={id}>{t("unit.searchLabel")}</label>
        <input id={id} type="search" name="phuong-cu" defaultValue={asked} list={`${id}-names`} autoComplete="off" />
        <datalist id={`${id}-names`}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <button type="submit" className="button">
        {t("unit.searchSubmit")}
      </button>
      {found === null ? null : found.length === 0 ? (
        <p role="status">{t("unit.searchNone", { text: asked })}</p>
      ) : (
        <div role="status">
          <p>{t("unit.searchFound")}</p>
          <ul>
            {found.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </Form>
  );
}
