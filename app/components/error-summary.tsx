import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

/** The id a form field carries, so that the error summary can link to it. */
export function fieldId(name: string, form?: string) {
  return `${form ? `${form}-` : ""}field-${name.replace(/[^\w-]/g, "-")}`;
}

export type SummaryItem = { href: string; text: string };

type ErrorSummaryProps = {
  /** A problem with the whole form (wrong password, too many attempts). */
  message?: MessageKey | null;
  /** Parameters for the message's placeholders. */
  params?: Record<string, string | number>;
  /** Each field's problem, by field name. */
  errors?: Partial<Record<string, MessageKey>>;
  /** The label of each field, so that a problem reads "Họ và tên: …" and not only "…". */
  labels?: Record<string, string>;
  /** Which form on the page the fields belong to, when a page has several (see fieldId). */
  form?: string;
  /** Extra problems with their own targets (the quiz's unanswered questions). */
  items?: SummaryItem[];
};

/**
 * The problems of a refused form, at its top, each a link to its field. Without JavaScript the page
 * comes back with it in view; with JavaScript, FormFocus moves focus to it (data-error-summary).
 */
export function ErrorSummary({ message, params, errors = {}, labels = {}, form, items = [] }: ErrorSummaryProps) {
  const t = useT();
  const fields = Object.entries(errors).filter((entry): entry is [string, MessageKey] => Boolean(entry[1]) && entry[0] !== "form");
  const formError = errors.form;
  const all: SummaryItem[] = [...fields.map(([name, error]) => ({ href: `#${fieldId(name, form)}`, text: labels[name] ? `${labels[name]}: ${t(error)}` : t(error) })), ...items];
  const headline = message ? t(message, params) : formError ? t(formError) : null;
  if (!headline && all.length === 0) return null;
  return (
    // No accessible name from its title: a title quoting a field's label would make the summary a second "label" of that field.
    <div className="error-summary" role="alert" tabIndex={-1} data-error-summary="">
      <p className="error-summary__title">{headline ?? t("form.summary.title", { count: all.length })}</p>
      {all.length > 0 ? (
        <ul className="error-summary__list">
          {all.map((item) => (
            <li key={item.href + item.text}>
              <a href={item.href}>{item.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
