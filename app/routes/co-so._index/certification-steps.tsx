import { Link, useLoaderData } from "@remix-run/react";

import { applicationStatusKey, certificationEventKey } from "#app/components/certificate-status";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

import type { loader } from "./route";

// Not the course: its step says so, with the way to it.
const GATE_MESSAGE: Record<string, MessageKey> = {
  in_review: "cert.gate.in_review",
  refresher_needed: "cert.gate.refresher_needed",
};

/** The way to a certificate, step by step, and where the organisation's application stands. */
export function CertificationSteps() {
  const t = useT();
  const { course, state, application } = useLoaderData<typeof loader>();
  return (
    <>
      <h2>{t("cert.steps")}</h2>
      <ol className="steps cert-steps">
        <li>
          <strong>{t("cert.step.course", { course: course.title })}</strong>
          <p className={course.completedOn ? "status status--done" : ""}>{course.completedOn ? t("cert.courseDone", { date: course.completedOn }) : t("cert.courseTodo")}</p>
          {course.completedOn ? null : (
            <Link to={`/khoa-hoc/${course.slug}`} className="button">
              {t("cert.openCourse")}
            </Link>
          )}
        </li>
        <li>
          <strong>{t("cert.step.assessment")}</strong>
          {state.next === "assessment" || state.next === "pledge" ? (
            <p>
              <Link to="/co-so/danh-gia" className={state.next === "assessment" ? "button button--primary" : "button"}>
                {t("cert.startAssessment")}
              </Link>
            </p>
          ) : null}
        </li>
        <li>
          <strong>{t("cert.step.pledge")}</strong>
          {state.next === "pledge" ? (
            <p>
              <Link to="/co-so/cam-ket" className="button button--primary">
                {t("cert.goPledge")}
              </Link>
            </p>
          ) : null}
        </li>
        <li>
          <strong>{t("cert.step.review")}</strong>
        </li>
      </ol>
      {state.next === "wait" && "until" in state ? <p className="notice">{t("cert.gate.certified", { date: state.until, opens: state.opens })}</p> : null}
      {state.next === "wait" && state.reason && GATE_MESSAGE[state.reason] ? (
        <p className="notice">
          {t(GATE_MESSAGE[state.reason]!)} {state.reason === "refresher_needed" ? <Link to="/co-so/on-tap">{t("cert.goRefresher")}</Link> : null}
        </p>
      ) : null}

      {application ? (
        <>
          <h2>{t("cert.application")}</h2>
          <p>
            {t(application.kind === "renewal" ? "cert.kind.renewal" : "cert.kind.initial")}:{" "}
            <strong className={`application-status application-status--${application.status}`}>{t(applicationStatusKey(application.status))}</strong>
          </p>
          {application.events.length > 0 ? (
            <>
              <h3>{t("cert.history")}</h3>
              <ol className="history">
                {application.events.map((event, index) => (
                  <li key={index}>
                    {event.on}: {t(certificationEventKey(event.kind))}
                    {event.message ? <blockquote className="history__message">{event.message}</blockquote> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
