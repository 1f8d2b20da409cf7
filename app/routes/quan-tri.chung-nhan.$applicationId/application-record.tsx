import { useLoaderData } from "@remix-run/react";

import { OrganisationFacts } from "#app/components/organisation-facts";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";

import type { loader } from "./route";

const RULE_LABEL: Record<string, MessageKey> = { online: "review.rule.online", "in-person": "review.rule.in-person" };

/** What the organisation submitted: its profile, the course, the self-assessment and the pledge. */
export function ApplicationRecord() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {data.profile ? (
        <>
          <h2>{t("review.profile")}</h2>
          <OrganisationFacts organisation={data.profile} />
        </>
      ) : null}

      <h2>{t("review.course")}</h2>
      <p>
        {data.completion && data.submitter
          ? t("review.courseDone", { name: data.submitter.name, date: data.completion.on, rule: t(RULE_LABEL[data.completion.rule] ?? "review.rule.online") })
          : t("review.courseMissing")}
      </p>
      {data.refresher ? (
        <>
          <h3>{t("review.refresher")}</h3>
          <ul>
            {data.refresher.map((module) => (
              <li key={module.slug}>
                {module.title}: {module.passed ? t("refresher.passed") : t("refresher.todo")}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("review.answers")}</h2>
      {data.assessedOn ? <p className="muted">{t("review.answeredOn", { date: data.assessedOn })}</p> : null}
      <ol className="review">
        {data.answers.map((answer) => (
          <li key={answer.id} className="review__item">
            <p className="review__prompt">{answer.prompt}</p>
            <p>
              {t("review.answer")}: <strong>{t(answer.answer === "yes" ? "assessment.yes" : "assessment.no")}</strong>
              {answer.compliant ? ` (${t("review.compliant")})` : null}
            </p>
            <p className="muted">{t("assessment.article", { article: answer.article })}</p>
          </li>
        ))}
      </ol>

      {data.pledge ? (
        <>
          <h2>{t("review.pledge")}</h2>
          <blockquote className="pledge">{t("pledge.text", { organisation: data.name })}</blockquote>
          <p>{t("review.pledgedBy", { name: data.pledge.name, position: data.pledge.position, date: data.pledge.on })}</p>
        </>
      ) : null}
    </>
  );
}
