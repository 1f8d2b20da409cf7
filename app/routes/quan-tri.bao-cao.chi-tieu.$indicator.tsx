import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ContactFollowUp, ContactSavedNotice, CONTACT_KIND_KEYS } from "#app/components/contact-history";
import { InviteCheckbox, InviteForm } from "#app/components/invite-form";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { ExportLinks } from "#app/components/export-links";
import { Pagination } from "#app/components/pagination";
import { RosterEntryList } from "#app/components/roster-entry-list";
import { TargetsNote } from "#app/components/targets-note";
import { targetsNoteOf } from "#app/content/programme.server";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { CONTACT_FILTERS, CONTACT_KINDS, listContactHistory, recordContact } from "#app/models/contact-history.server";
import { findNotReachedFrame, listNotReached } from "#app/models/coverage.server";
import { scopeOn } from "#app/models/scope.server";
import { findTrainingSession } from "#app/models/training-session.server";
import { inviteToTrainingSession, listUpcomingTrainingSessions } from "#app/models/training-session-invitation.server";
import { toListedEntry } from "#app/components/roster-entry-list";
import { maskPhone } from "#app/utils/phone";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate, isoDay, startOfDay } from "#app/utils/dates";
import { parseForm, text } from "#app/utils/forms";
import { readForm, rejectForm, requireRedirectTarget } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";
import { readReportRequest, refusedDayMessage } from "#app/utils/report-query.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "notReached.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function contactSchema() {
  return z.object({
    entryId: text().min(1),
    kind: z.enum(CONTACT_KINDS, { errorMap: () => ({ message: "contact.kind.invalid" }) }),
    note: text()
      .max(500, "form.tooLong")
      .transform((value) => value || null),
  });
}

function inviteSchema() {
  return z.object({
    trainingSessionId: text().min(1, "invite.trainingSession.unknown"),
    startTime: text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invite.startTime.invalid"),
  });
}

/** `?lien-he=` filters by the latest contact: "none" for nobody contacted yet, or a kind. */
function contactFilterSchema() {
  return z.enum(CONTACT_FILTERS).nullable().catch(null);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const query = readReportRequest(request);
  const { unitsOn, q, page } = query;
  const frame = await findNotReachedFrame(admin.unitPath, params.indicator, query);
  invariantResponse(frame, 404);
  const { indicator, period, wards, ward } = frame;
  const searchParams = new URL(request.url).searchParams;
  const contact = contactFilterSchema().parse(searchParams.get("lien-he"));
  const [lang, result, upcoming] = await Promise.all([
    getLang(request),
    listNotReached(admin.unitPath, indicator, period, { wardId: ward?.id ?? null, query: q, page, contact }, unitsOn),
    listUpcomingTrainingSessions(admin, startOfDay(isoDay(new Date()))),
  ]);
  const groups = targetGroupLabels(lang);
  const history = await listContactHistory(result.entries.map((entry) => entry.id));
  const movedAway = result.entries.find((entry) => entry.id === searchParams.get("chuyen-di"));
  return json(
    {
      indicator: { code: indicator.code, label: indicator[lang], short: indicator.short[lang] },
      refused: refusedDayMessage(lang, query.refusedDay),
      period: period.code,
      targetsNote: targetsNoteOf(period, lang),
      unitsOn: isoDay(unitsOn),
      q,
      page,
      contact: contact ?? "",
      trainingSessions: upcoming.map((candidate) => ({
        value: candidate.id,
        label: `${formatDate(candidate.heldOn)}${candidate.startTime ? ` ${candidate.startTime}` : ""} · ${candidate.place} (${candidate.unit.name})`,
        startTime: candidate.startTime ?? "",
      })),
      chosenTrainingSession: searchParams.get("buoi-hoc") ?? "",
      movedAway: movedAway && !movedAway.leftAt ? { id: movedAway.id, name: movedAway.name } : null,
      wardCode: ward?.code ?? "",
      // The filter offers the wards in force on the date; a row kept for another unit's records is on the report.
      wards: wards.filter((candidate) => candidate.inForce).map((candidate) => ({ value: candidate.code, label: candidate.name })),
      total: result.total,
      pageCount: result.pageCount,
      // Phones masked in the list; the export shows them whole, and is audited.
      entries: result.entries.map((entry) => ({
        ...toListedEntry(entry, groups, lang, unitsOn),
        phone: entry.phone ? maskPhone(entry.phone) : "",
        lastContact: entry.lastContactKind && entry.lastContactAt ? { kind: entry.lastContactKind, on: formatDate(entry.lastContactAt) } : null,
        contacts: (history.get(entry.id) ?? []).map((event) => ({
          id: event.id,
          kind: event.kind,
          on: formatDate(event.happenedAt),
          by: event.actor.fullName,
          note: event.note,
          trainingSession: event.trainingSession ? `${formatDate(event.trainingSession.heldOn)} · ${event.trainingSession.place}` : null,
        })),
      })),
    },
    { status: query.refusedDay ? 400 : 200 },
  );
}

/**
 * Records a contact with a person of the list (scoped: another ward's entry is a 404), then back
 * to the list where it was; or invites the ticked people to a training session, then on to it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "invite") {
    const form = parseForm(formData, inviteSchema());
    if (!form.ok) return rejectForm(form);
    const entryIds = formData.getAll("entryId").filter((value): value is string => typeof value === "string" && value.length > 0 && value.length <= 40);
    if (entryIds.length === 0) return rejectForm({ message: "invite.none", values: form.values });
    const trainingSession = await findTrainingSession(admin, form.data.trainingSessionId);
    if (!trainingSession) return rejectForm({ errors: { trainingSessionId: "invite.trainingSession.unknown" }, values: form.values });
    const done = await inviteToTrainingSession(admin, trainingSession, entryIds, form.data.startTime);
    return redirect(`/quan-tri/buoi-hoc/${trainingSession.id}?${new URLSearchParams({ "da-moi": String(done.invited), "bo-qua": String(done.skipped) })}`);
  }
  const back = new URL(requireRedirectTarget(formData, new URL(request.url).pathname), "http://localhost");
  const form = parseForm(formData, contactSchema());
  if (!form.ok) return rejectForm(form);
  const { entryId, ...contact } = form.data;
  invariantResponse(await recordContact(admin, await scopeOn(admin.unitPath), entryId, { ...contact, happenedAt: new Date() }), 404);
  for (const key of ["da-ghi", "chuyen-di", "roi-di", "hoan-tac"]) back.searchParams.delete(key);
  back.searchParams.set("da-ghi", "1");
  if (contact.kind === "moved_away") back.searchParams.set("chuyen-di", entryId);
  return redirect(`${back.pathname}${back.search}`);
}

export default function NotReachedPage() {
  const t = useT();
  const { indicator, refused, period, targetsNote, unitsOn, q, page, contact, trainingSessions, chosenTrainingSession, movedAway, wardCode, wards, total, pageCount, entries } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/quan-tri/bao-cao?ky=${period}&don-vi=${unitsOn}`}>← {t("coverage.title")}</Link>
      </p>
      <h1>
        {t("notReached.title")}: {indicator.short} <small className="indicator-code">{indicator.code}</small>
      </h1>
      <p>
        {indicator.label} · {period}
      </p>
      {refused ? (
        <p className="field__error" role="alert">
          {refused}
        </p>
      ) : null}
      <Form method="get" className="stack narrow" role="search">
        <input type="hidden" name="ky" value={period} />
        <input type="hidden" name="don-vi" value={unitsOn} />
        <div className="field">
          <label htmlFor="not-reached-ward">{t("form.ward")}</label>
          <select id="not-reached-ward" name="phuong" defaultValue={wardCode}>
            <option value="">{t("notReached.allWards")}</option>
            {wards.map((ward) => (
              <option key={ward.value} value={ward.value}>
                {ward.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="not-reached-contact">{t("contact.filter")}</label>
          <select id="not-reached-contact" name="lien-he" defaultValue={contact}>
            <option value="">{t("contact.filterAll")}</option>
            <option value="none">{t("contact.none")}</option>
            {Object.entries(CONTACT_KIND_KEYS).map(([kind, key]) => (
              <option key={kind} value={kind}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="not-reached-q">{t("users.search")}</label>
          <input id="not-reached-q" type="search" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          {t("users.searchSubmit")}
        </button>
      </Form>
      <p role="status">{t("notReached.count", { count: total })}</p>
      <ExportLinks path={`/quan-tri/bao-cao/chi-tieu/${indicator.code}/xuat`} />
      <ErrorSummary
        message={actionData?.message}
        errors={actionData?.errors ?? {}}
        labels={{ kind: t("contact.kind"), note: t("contact.note"), trainingSessionId: t("invite.trainingSession"), startTime: t("invite.startTime") }}
      />
      <ContactSavedNotice movedAway={movedAway} />
      <InviteForm trainingSessions={trainingSessions} chosen={chosenTrainingSession} errors={actionData?.errors ?? {}} values={actionData?.values ?? {}} />
      <RosterEntryList
        entries={entries}
        extra={(entry) => (
          <>
            {trainingSessions.length > 0 ? <InviteCheckbox entry={entry} /> : null}
            <ContactFollowUp entry={entry} />
          </>
        )}
      />
      <TargetsNote note={targetsNote} />
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
