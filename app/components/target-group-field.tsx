import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

import { SelectField } from "./form-field";

type TargetGroupFieldProps = {
  /** The groups as targetGroupOptions gives them, in the page's language. */
  options: { value: string; label: string }[];
  name?: string;
  label?: MessageKey;
  defaultValue?: string;
  error?: MessageKey;
  required?: boolean;
};

/** The target-group choice of every form that places a person or a headcount in a group. */
export function TargetGroupField({ options, name = "targetGroup", label = "form.targetGroup", ...field }: TargetGroupFieldProps) {
  const t = useT();
  return <SelectField name={name} label={t(label)} options={options} placeholder={t("form.choose")} {...field} />;
}
