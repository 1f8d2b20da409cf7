import { useActionData, useNavigation } from "@remix-run/react";

import { fieldId } from "#app/components/error-summary";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";
import type { EchoedValues, FieldErrors } from "#app/utils/forms";

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: MessageKey;
};

function FieldShell({ id, label, hint, error, children }: FieldProps & { id: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A field's error, announced when it appears; for checkboxes and groups that FieldShell does not wrap. */
export function FieldError({ id, error }: { id?: string; error?: MessageKey }) {
  const t = useT();
  return error ? (
    <p className="field__error" id={id} role="alert">
      {t(error)}
    </p>
  ) : null;
}

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(props: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const { name, label, hint, error, ...input } = props;
  const id = input.id ?? fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} error={error}>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </FieldShell>
  );
}

type Option = { value: string; label: string };

/** A select; `groups` follow the options under their own headings (a ward picker's former wards), and may repeat their values. */
export function SelectField(
  props: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; groups?: { label: string; options: Option[] }[]; placeholder?: string },
) {
  const { name, label, hint, error, options, groups, placeholder, ...select } = props;
  const id = select.id ?? fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} error={error}>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups?.map((group) =>
          group.options.length > 0 ? (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.label} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    </FieldShell>
  );
}

/**
 * What a page shows of its form after a post the action refused (rejectForm): the field errors,
 * the values typed, the form's message, and whether a post is on its way.
 */
export function useFormState() {
  const rejected = useActionData<{ errors: FieldErrors; message: MessageKey | null; values: EchoedValues }>();
  const submitting = useNavigation().state === "submitting";
  return { rejected: rejected !== undefined, errors: rejected?.errors ?? {}, values: rejected?.values ?? {}, message: rejected?.message ?? null, submitting };
}
