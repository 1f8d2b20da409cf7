import { Form, Link } from "@remix-run/react";

import { SelectField, TextField } from "#app/components/form-field";
import { useT } from "#app/i18n/use-t";
import type { EchoedValues, FieldErrors } from "#app/utils/forms";

const INVITE_FORM = "invite-form";

type Option = { value: string; label: string; startTime: string };

/**
 * "Mời dự buổi học" on the not-reached list: the people ticked in the list below (their boxes
 * belong to this form through `form=`, so each row keeps its own forms), a session and its hour.
 */
export function InviteForm({ trainingSessions, chosen, errors, values }: { trainingSessions: Option[]; chosen: string; errors: FieldErrors; values: EchoedValues }) {
  const t = useT();
  if (trainingSessions.length === 0) {
    return (
      <p className="muted">
        {t("invite.noUpcoming")} <Link to="/quan-tri/buoi-hoc/moi">{t("invite.createSession")}</Link>
      </p>
    );
  }
  const selected = values.trainingSessionId ?? (trainingSessions.some((option) => option.value === chosen) ? chosen : trainingSessions[0]!.value);
  return (
    <section aria-labelledby="invite-title" className="stack narrow">
      <h2 id="invite-title">{t("invite.title")}</h2>
      <p className="muted">{t("invite.intro")}</p>
      <Form method="post" id={INVITE_FORM} className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <SelectField name="trainingSessionId" label={t("invite.trainingSession")} options={trainingSessions} defaultValue={selected} error={errors.trainingSessionId} />
        <TextField
          name="startTime"
          type="time"
          label={t("invite.startTime")}
          defaultValue={values.startTime ?? trainingSessions.find((option) => option.value === selected)?.startTime ?? ""}
          error={errors.startTime}
        />
        <button type="submit" className="button button--primary">
          {t("invite.submit")}
        </button>
      </Form>
    </section>
  );
}

/** One person's box for the invitation form above the list. */
export function InviteCheckbox({ entry }: { entry: { id: string; name: string } }) {
  const t = useT();
  return (
    <label className="invite-choice">
      <input type="checkbox" name="entryId" value={entry.id} form={INVITE_FORM} /> {t("invite.select", { name: entry.name })}
    </label>
  );
}
