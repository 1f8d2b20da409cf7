import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField, TextField } from "#app/components/form-field";
import { PhoneLink } from "#app/components/phone-link";
import { SearchForm } from "#app/components/search-form";
import { getCatalogue } from "#app/content/catalogue.server";
import { isTargetGroup } from "#app/content/programme.server";
import { targetGroupLabels, targetGroupOptions } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { deleteTrainingSession, removeAttendee } from "#app/models/training-session-changes.server";
import { addPersonAndAttend, findTrainingSession, listAttendanceConfirmations, listAttendees, recordAttendance, searchRosterForSession } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { fullNameField, parseForm, phoneField, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "sessions.title") }];

const newPersonSchema = z.object({
  name: fullNameField,
  phone: z.union([z.literal(""), phoneField]).transform((value) => value || null),
  targetGroup: requiredField,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const session = await findTrainingSession(admin, params.sessionId ?? "");
  invariantResponse(session, 404);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const [lang, catalogue, attendees, confirmations, found] = await Promise.all([
    getLang(request),
    getCatalogue(),
    listAttendees(session),
    listAttendanceConfirmations(session),
    searchRosterForSession(session, q),
  ]);
  const groups = targetGroupLabels(lang);
  const present = new Set(attendees.map((attendee) => attendee.rosterEntry.id));
  const person = (entry: { id: string; name: string; phone: string | null; targetGroup: string }) => ({
    id: entry.id,
    name: entry.name,
    phone: entry.phone ? formatPhone(entry.phone) : "",
    group: groups[entry.targetGroup] ?? entry.targetGroup,
  });
  return {
    session: {
      id: session.id,
      ward: session.unit.name,
      heldOn: formatDate(session.heldOn),
      place: session.place,
      kind: session.kind,
      trainer: session.trainer,
      headcount: session.headcount,
      courses: catalogue.courses.filter((course) => session.courseSlugs.includes(course.slug)).map((course) => (lang === "en" ? course.titleEn : course.title)),
    },
    q,
    attendees: attendees.map((attendee) => person(attendee.rosterEntry)),
    confirmations,
    found: found.map((entry) => ({ ...person(entry), present: present.has(entry.id) })),
    targetGroups: targetGroupOptions(lang),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const session = await findTrainingSession(admin, params.sessionId ?? "");
  invariantResponse(session, 404);
  const formData = await readForm(request);
  const back = `/quan-tri/buoi-hoc/${session.id}`;
  if (formData.get("intent") === "attend") {
    const rosterEntryId = formData.get("rosterEntryId");
    if (typeof rosterEntryId !== "string" || !(await recordAttendance(admin, session, rosterEntryId))) {
      return rejectForm({ message: "sessions.attend.unknown" });
    }
    const q = formData.get("q");
    return redirect(typeof q === "string" && q ? `${back}?${new URLSearchParams({ q })}` : back);
  }
  if (formData.get("intent") === "add-person") {
    const form = parseForm(formData, newPersonSchema);
    if (!form.ok) return rejectForm(form);
    if (!isTargetGroup(form.data.targetGroup)) return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
    await addPersonAndAttend(admin, session, { ...form.data, phoneAsTyped: form.data.phone ? formatPhone(form.data.phone) : "" });
    return redirect(back);
  }
  if (formData.get("intent") === "remove-attendee") {
    const rosterEntryId = formData.get("rosterEntryId");
    if (typeof rosterEntryId !== "string" || !(await removeAttendee(admin, session, rosterEntryId))) return rejectForm({ message: "sessions.attendee.unknown" });
    return redirect(`${back}?da-bo=1`);
  }
  if (formData.get("intent") === "delete") {
    invariantResponse(await deleteTrainingSession(admin, session), 404);
    return redirect("/quan-tri/buoi-hoc?da-xoa=1");
  }
  return rejectForm({ message: "form.invalid" });
}

export default function SessionPage() {
  const t = useT();
  const { session, q, attendees, confirmations, found, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors ?? {};
  return (
    <section>
      <p>
        <Link to="/quan-tri/buoi-hoc">← {t("sessions.title")}</Link>
      </p>
      <h1>
        {session.heldOn} · {session.place}
      </h1>
      {searchParams.has("da-luu") || searchParams.has("da-bo") ? (
        <p className="notice" role="status" data-form-result="">
          {t(searchParams.has("da-luu") ? "sessions.saved" : "sessions.attendeeRemoved")}
        </p>
      ) : null}
      <p>
        <Link to={`/quan-tri/buoi-hoc/${session.id}/sua`} className="button">
          {t("sessions.edit")}
        </Link>
      </p>
      <dl className="facts">
        <dt>{t("form.ward")}</dt>
        <dd>{session.ward}</dd>
        <dt>{t("sessions.kind")}</dt>
        <dd>{t(session.kind === "training" ? "sessions.kind.training" : "sessions.kind.communication")}</dd>
        <dt>{t("sessions.courses")}</dt>
        <dd>{session.courses.join("; ")}</dd>
        <dt>{t("sessions.trainer")}</dt>
        <dd>{session.trainer}</dd>
      </dl>
      <ErrorSummary message={actionData?.message} />

      <h2>{t("sessions.attendance", { count: attendees.length })}</h2>
      {session.headcount ? <p>{t("sessions.counted", { count: session.headcount })}</p> : null}
      <ul className="record-list">
        {attendees.map((attendee) => (
          <li key={attendee.id} className="record">
            <span className="record__title">{attendee.name}</span>
            <PhoneLink phone={attendee.phone} />
            <span>{attendee.group}</span>
            <Form method="post">
              <input type="hidden" name="intent" value="remove-attendee" />
              <input type="hidden" name="rosterEntryId" value={attendee.id} />
              <button type="submit" className="button button--quiet" aria-label={t("sessions.removeAttendeeFor", { name: attendee.name })}>
                {t("sessions.removeAttendee")}
              </button>
            </Form>
          </li>
        ))}
      </ul>

      {confirmations.length > 0 ? (
        <>
          <h3>{t("sessions.confirmations")}</h3>
          <ul className="record-list">
            {confirmations.map((confirmation) => (
              <li key={confirmation.id} className="record">
                <span className="record__title">{confirmation.phone}</span>
                <span className={confirmation.confirmed ? "status status--done" : "status"}>
                  {t(confirmation.confirmed ? "sessions.confirmed" : "sessions.awaitingConfirmation")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("sessions.findOnRoster")}</h2>
      <SearchForm q={q} />
      <ul className="record-list">
        {found.map((entry) => (
          <li key={entry.id} className="record">
            <span className="record__title">{entry.name}</span>
            <PhoneLink phone={entry.phone} />
            <span>{entry.group}</span>
            {entry.present ? (
              <span className="status status--done">{t("sessions.present")}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="attend" />
                <input type="hidden" name="rosterEntryId" value={entry.id} />
                <input type="hidden" name="q" value={q} />
                <button type="submit" className="button" aria-label={t("sessions.markPresentFor", { name: entry.name })}>
                  {t("sessions.markPresent")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {q && found.length === 0 ? <p>{t("users.none")}</p> : null}

      <h2>{t("sessions.addPerson")}</h2>
      <p>{t("sessions.addPersonHint")}</p>
      <Form method="post" className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="add-person" />
        <ErrorSummary errors={errors} labels={{ name: t("roster.name"), phone: t("sessions.phoneOptional"), targetGroup: t("roster.group") }} />
        <TextField name="name" label={t("roster.name")} error={errors.name} defaultValue={actionData?.values.name} />
        <TextField name="phone" type="tel" label={t("sessions.phoneOptional")} error={errors.phone} defaultValue={actionData?.values.phone} />
        <SelectField
          name="targetGroup"
          label={t("roster.group")}
          options={targetGroups}
          placeholder={t("form.choose")}
          error={errors.targetGroup}
          defaultValue={actionData?.values.targetGroup}
        />
        <button type="submit" className="button button--primary">
          {t("sessions.addAndMark")}
        </button>
      </Form>

      <details className="danger-zone">
        <summary>{t("sessions.delete")}</summary>
        <p>{t("sessions.deleteIntro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger">
            {t("sessions.deleteConfirm")}
          </button>
        </Form>
      </details>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
