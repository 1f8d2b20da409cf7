import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { TextField } from "#app/components/form-field";
import { PhoneLink } from "#app/components/phone-link";
import { TargetGroupField } from "#app/components/target-group-field";
import { TrainingSessionInvitations } from "#app/components/training-session-invitations";
import { trainingSessionKindKey } from "#app/components/training-session-kind";
import { SearchForm } from "#app/components/search-form";
import { getCatalogue } from "#app/content/catalogue.server";
import { isTargetGroup } from "#app/content/programme.server";
import { accountGroupOptions, mayHaveAccount, targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { findPossibleDuplicates } from "#app/models/roster-duplicates.server";
import {
  addPersonAndAttend,
  findTrainingSession,
  listAttendanceConfirmations,
  listAttendees,
  recordAttendance,
  searchRosterForTrainingSession,
} from "#app/models/training-session.server";
import { listInvitations } from "#app/models/training-session-invitation.server";
import { deleteTrainingSession, removeAttendee } from "#app/models/training-session-changes.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { fullNameField, optionalBirthYearField, parseForm, phoneField, requiredField, type FieldErrors } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { parseListQuery } from "#app/utils/list-query";
import { formatPhone, maskPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trainingSessions.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function newPersonSchema() {
  return z.object({
    name: fullNameField,
    phone: z.union([z.literal(""), phoneField]).transform((value) => value || null),
    targetGroup: requiredField,
    birthYear: optionalBirthYearField,
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const trainingSession = await findTrainingSession(admin, params.trainingSessionId ?? "");
  invariantResponse(trainingSession, 404);
  const { q } = parseListQuery(request);
  const [lang, catalogue, attendees, confirmations, found, invitations] = await Promise.all([
    getLang(request),
    getCatalogue(),
    listAttendees(trainingSession),
    listAttendanceConfirmations(trainingSession),
    searchRosterForTrainingSession(trainingSession, q),
    listInvitations(trainingSession),
  ]);
  const covered = catalogue.courses.filter((course) => trainingSession.courseSlugs.includes(course.slug));
  const groups = targetGroupLabels(lang);
  const present = new Set(attendees.map((attendee) => attendee.rosterEntry.id));
  const person = (entry: ListedPerson) => shownPerson(entry, groups);
  return {
    trainingSession: {
      id: trainingSession.id,
      ward: trainingSession.unit.name,
      heldOn: `${formatDate(trainingSession.heldOn)}${trainingSession.startTime ? ` ${trainingSession.startTime}` : ""}`,
      place: trainingSession.place,
      kind: trainingSession.kind,
      trainer: trainingSession.trainer,
      headcount: trainingSession.headcount,
      courses: covered.map((course) => (lang === "en" ? course.titleEn : course.title)),
    },
    invitations: invitations.map(({ entry, ...invitation }) => ({ ...invitation, ...shownPerson({ ...entry, targetGroup: "" }, groups) })),
    indicators: [...new Set(covered.flatMap((course) => course.indicators))],
    q,
    attendees: attendees.map((attendee) => person(attendee.rosterEntry)),
    confirmations,
    found: found.map((entry) => ({ ...person(entry), present: present.has(entry.id) })),
    // Children present are counted in the headcount, never added by name (issue 16).
    targetGroups: accountGroupOptions(lang),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const trainingSession = await findTrainingSession(admin, params.trainingSessionId ?? "");
  invariantResponse(trainingSession, 404);
  const formData = await readForm(request);
  const back = `/quan-tri/buoi-hoc/${trainingSession.id}`;
  if (formData.get("intent") === "attend") {
    const rosterEntryId = formData.get("rosterEntryId");
    if (typeof rosterEntryId !== "string" || !(await recordAttendance(admin, trainingSession, rosterEntryId))) {
      return rejectForm({ message: "trainingSessions.attend.unknown" });
    }
    const q = formData.get("q");
    return redirect(typeof q === "string" && q ? `${back}?${new URLSearchParams({ q })}` : back);
  }
  if (formData.get("intent") === "add-person") {
    const form = parseForm(formData, newPersonSchema());
    if (!form.ok) return rejectForm(form);
    if (!isTargetGroup(form.data.targetGroup) || !mayHaveAccount(form.data.targetGroup))
      return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
    // The same person may be on the roster already, maybe under a former ward: offer them first.
    if (formData.get("addAnyway") !== "1") {
      const duplicates = await findPossibleDuplicates(trainingSession.scope, form.data);
      if (duplicates.length > 0) {
        const groups = targetGroupLabels(await getLang(request));
        return json({
          errors: {} as FieldErrors,
          message: null,
          values: form.values,
          duplicates: duplicates.map((entry) => ({ ...shownPerson(entry, groups), ward: entry.unit.name })),
        });
      }
    }
    await addPersonAndAttend(admin, trainingSession, { ...form.data, phoneAsTyped: form.data.phone ? formatPhone(form.data.phone) : "" });
    return redirect(back);
  }
  if (formData.get("intent") === "remove-attendee") {
    const rosterEntryId = formData.get("rosterEntryId");
    if (typeof rosterEntryId !== "string" || !(await removeAttendee(admin, trainingSession, rosterEntryId))) return rejectForm({ message: "trainingSessions.attendee.unknown" });
    return redirect(`${back}?da-bo=1`);
  }
  if (formData.get("intent") === "delete") {
    invariantResponse(await deleteTrainingSession(admin, trainingSession), 404);
    return redirect("/quan-tri/buoi-hoc?da-xoa=1");
  }
  return rejectForm({ message: "form.invalid" });
}

export default function TrainingSessionPage() {
  const t = useT();
  const { trainingSession, q, attendees, confirmations, found, targetGroups, invitations, indicators } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors ?? {};
  const offered = (actionData as { duplicates?: OfferedEntry[] } | undefined)?.duplicates;
  return (
    <section>
      <p>
        <Link to="/quan-tri/buoi-hoc">← {t("trainingSessions.title")}</Link>
      </p>
      <h1>
        {trainingSession.heldOn} · {trainingSession.place}
      </h1>
      {searchParams.has("da-luu") || searchParams.has("da-bo") ? (
        <p className="notice" role="status" data-form-result="">
          {t(searchParams.has("da-luu") ? "trainingSessions.saved" : "trainingSessions.attendeeRemoved")}
        </p>
      ) : null}
      <p>
        <Link to={`/quan-tri/buoi-hoc/${trainingSession.id}/sua`} className="button">
          {t("trainingSessions.edit")}
        </Link>
      </p>
      <dl className="facts">
        <dt>{t("form.ward")}</dt>
        <dd>{trainingSession.ward}</dd>
        <dt>{t("trainingSessions.kind")}</dt>
        <dd>{t(trainingSessionKindKey(trainingSession.kind))}</dd>
        <dt>{t("trainingSessions.courses")}</dt>
        <dd>{trainingSession.courses.join("; ")}</dd>
        <dt>{t("trainingSessions.trainer")}</dt>
        <dd>{trainingSession.trainer}</dd>
      </dl>
      <ErrorSummary message={actionData?.message} />
      <TrainingSessionInvitations trainingSessionId={trainingSession.id} invitations={invitations} indicators={indicators} />

      <h2>{t("trainingSessions.attendance", { count: attendees.length })}</h2>
      {trainingSession.headcount ? <p>{t("trainingSessions.counted", { count: trainingSession.headcount })}</p> : null}
      <ul className="record-list">
        {attendees.map((attendee) => (
          <li key={attendee.id} className="record">
            <span className="record__title">{attendee.name}</span>
            <PhoneLink phone={attendee.phone} />
            <span>{attendee.group}</span>
            <Form method="post">
              <input type="hidden" name="intent" value="remove-attendee" />
              <input type="hidden" name="rosterEntryId" value={attendee.id} />
              <button type="submit" className="button button--quiet" aria-label={t("trainingSessions.removeAttendeeFor", { name: attendee.name })}>
                {t("trainingSessions.removeAttendee")}
              </button>
            </Form>
          </li>
        ))}
      </ul>

      {confirmations.length > 0 ? (
        <>
          <h3>{t("trainingSessions.confirmations")}</h3>
          <ul className="record-list">
            {confirmations.map((confirmation) => (
              <li key={confirmation.id} className="record">
                <span className="record__title">{confirmation.phone}</span>
                <span className={confirmation.confirmed ? "status status--done" : "status"}>
                  {t(confirmation.confirmed ? "trainingSessions.confirmed" : "trainingSessions.awaitingConfirmation")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("trainingSessions.findOnRoster")}</h2>
      <SearchForm q={q} />
      <ul className="record-list">
        {found.map((entry) => (
          <li key={entry.id} className="record">
            <span className="record__title">{entry.name}</span>
            <PhoneLink phone={entry.phone} />
            <span>{entry.group}</span>
            {entry.present ? (
              <span className="status status--done">{t("trainingSessions.present")}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="attend" />
                <input type="hidden" name="rosterEntryId" value={entry.id} />
                <input type="hidden" name="q" value={q} />
                <button type="submit" className="button" aria-label={t("trainingSessions.markPresentFor", { name: entry.name })}>
                  {t("trainingSessions.markPresent")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {q && found.length === 0 ? <p>{t("users.none")}</p> : null}

      <h2>{t("trainingSessions.addPerson")}</h2>
      <p>{t("trainingSessions.addPersonHint")}</p>
      {offered && actionData ? (
        <div role="region" aria-label={t("duplicates.offerTitle")} className="notice">
          <p>{t("duplicates.offer")}</p>
          <ul className="record-list">
            {offered.map((entry) => (
              <li key={entry.id} className="record">
                <span className="record__title">{entry.name}</span>
                <span>{entry.phone}</span>
                <span>{entry.group}</span>
                <span>{entry.ward}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="attend" />
                  <input type="hidden" name="rosterEntryId" value={entry.id} />
                  <button type="submit" className="button" aria-label={t("trainingSessions.markPresentFor", { name: entry.name })}>
                    {t("trainingSessions.markPresent")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post">
            <input type="hidden" name="intent" value="add-person" />
            <input type="hidden" name="addAnyway" value="1" />
            {["name", "phone", "targetGroup", "birthYear"].map((field) => (
              <input key={field} type="hidden" name={field} value={String(actionData.values[field] ?? "")} />
            ))}
            <button type="submit" className="button">
              {t("duplicates.addAnyway")}
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" className="stack narrow" noValidate>
        <input type="hidden" name="intent" value="add-person" />
        <ErrorSummary
          errors={errors}
          labels={{ name: t("roster.name"), phone: t("trainingSessions.phoneOptional"), birthYear: t("roster.birthYearOptional"), targetGroup: t("roster.group") }}
        />
        <TextField name="name" label={t("roster.name")} error={errors.name} defaultValue={actionData?.values.name} />
        <TextField name="phone" type="tel" label={t("trainingSessions.phoneOptional")} error={errors.phone} defaultValue={actionData?.values.phone} />
        <TextField name="birthYear" inputMode="numeric" label={t("roster.birthYearOptional")} error={errors.birthYear} defaultValue={actionData?.values.birthYear} />
        <TargetGroupField options={targetGroups} label="roster.group" error={errors.targetGroup} defaultValue={actionData?.values.targetGroup} />
        <button type="submit" className="button button--primary">
          {t("trainingSessions.addAndMark")}
        </button>
      </Form>

      <details className="danger-zone">
        <summary>{t("trainingSessions.delete")}</summary>
        <p>{t("trainingSessions.deleteIntro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger">
            {t("trainingSessions.deleteConfirm")}
          </button>
        </Form>
      </details>
    </section>
  );
}

type ListedPerson = { id: string; name: string; phone: string | null; targetGroup: string };

type OfferedEntry = ReturnType<typeof shownPerson> & { ward: string };

function shownPerson(entry: ListedPerson, groups: Record<string, string>) {
  // Masked in lists: the last digits tell two people apart, which is all a roll call needs.
  return { id: entry.id, name: entry.name, phone: entry.phone ? maskPhone(entry.phone) : "", group: groups[entry.targetGroup] ?? entry.targetGroup };
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
