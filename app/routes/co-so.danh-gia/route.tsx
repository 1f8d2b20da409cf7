import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, fieldId } from "#app/components/error-summary";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { applicationGate, saveSelfAssessment, type GateProblem } from "#app/models/certification/application.server";
import { lastValidDay } from "#app/models/certification/rules.server";
import { applicableQuestions, SELF_ASSESSMENT_VERSION } from "#app/models/certification/self-assessment";
import { decodeJsonColumn } from "#app/utils/json-column";
import { CERTIFICATION_COURSE_SLUG } from "#app/models/certification/terms.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { readForm } from "#app/utils/forms.server";

import { FIELD_PREFIX, readAssessmentForm } from "./assessment-form";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "assessment.title") }];

/** A reason the applicant cannot answer now, in words for the page. */
function gateProblem(problem: GateProblem) {
  if (problem.reason === "certified") {
    return { reason: problem.reason, until: formatDate(lastValidDay(problem.expiresAt)), opens: formatDate(problem.renewalOpensAt) };
  }
  return { reason: problem.reason, until: "", opens: "" };
}

type QuestionOnPage = { id: string; prompt: string; article: string };
type BreachOnPage = { question: string; article: string; fix: string };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const gate = await applicationGate(user);
  if (!gate.ok && gate.reason === "no_organisation") throw redirect("/co-so");
  const lang = await getLang(request);
  const none: QuestionOnPage[] = [];
  const nothing: Record<string, string> = {};
  if (!gate.ok) return { blocked: gateProblem(gate), courseSlug: CERTIFICATION_COURSE_SLUG, renewal: false, questions: none, saved: nothing };
  const saved = (gate.open?.assessmentVersion === SELF_ASSESSMENT_VERSION && decodeJsonColumn(gate.open.answers, z.record(z.string()))) || {};
  return {
    blocked: null,
    courseSlug: CERTIFICATION_COURSE_SLUG,
    renewal: gate.kind === "renewal",
    questions: applicableQuestions(gate.organisation.counts).map((question): QuestionOnPage => ({
      id: question.id,
      prompt: question.prompt[lang],
      article: question.article[lang],
    })),
    saved,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const given = readAssessmentForm(await readForm(request));
  const outcome = await saveSelfAssessment(user, given);
  if (outcome.ok) return redirect("/co-so/cam-ket");
  const none: BreachOnPage[] = [];
  if (outcome.reason !== "not_passed") return json({ gate: gateProblem(outcome), missing: [] as string[], breaches: none, given }, { status: 400 });
  const lang = await getLang(request);
  return json(
    {
      gate: null,
      missing: outcome.result.missing,
      breaches: outcome.result.breaches.map((breach): BreachOnPage => ({ question: breach.question, article: breach.article[lang], fix: breach.fix[lang] })),
      given,
    },
    { status: 400 },
  );
}

const GATE_MESSAGE: Record<string, MessageKey> = {
  no_organisation: "cert.gate.no_organisation",
  course_not_completed: "cert.gate.course_not_completed",
  in_review: "cert.gate.in_review",
  certified: "cert.gate.certified",
  refresher_needed: "cert.gate.refresher_needed",
};

function Blocked({ problem, courseSlug }: { problem: ReturnType<typeof gateProblem>; courseSlug: string }) {
  const t = useT();
  return (
    <>
      <p className="form-message" role="alert">
        {t(GATE_MESSAGE[problem.reason] ?? "form.invalid", { date: problem.until, opens: problem.opens })}
      </p>
      <p>
        {problem.reason === "course_not_completed" ? (
          <Link to={`/khoa-hoc/${courseSlug}`} className="button button--primary">
            {t("cert.openCourse")}
          </Link>
        ) : problem.reason === "refresher_needed" ? (
          <Link to="/co-so/on-tap" className="button button--primary">
            {t("cert.goRefresher")}
          </Link>
        ) : (
          <Link to="/co-so">← {t("org.title")}</Link>
        )}
      </p>
    </>
  );
}

export default function SelfAssessmentPage() {
  const t = useT();
  const { blocked, courseSlug, renewal, questions, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const problem = actionData?.gate ?? blocked;
  const breaches = new Map((actionData?.breaches ?? []).map((breach) => [breach.question, breach]));
  const missing = new Set(actionData?.missing ?? []);
  const chosen: Record<string, string> = actionData?.given ?? saved;
  return (
    <section className="assessment">
      <p>
        <Link to="/co-so">← {t("org.title")}</Link>
      </p>
      <h1>{t("assessment.title")}</h1>
      {renewal ? <p className="badge">{t("cert.kind.renewal")}</p> : null}
      {problem ? (
        <Blocked problem={problem} courseSlug={courseSlug} />
      ) : (
        <Form method="post" className="stack">
          <p>{t("assessment.intro")}</p>
          <p className="muted">{t("assessment.lawNote")}</p>
          <ErrorSummary
            message={breaches.size > 0 ? "assessment.blocked" : missing.size > 0 ? "assessment.missing" : null}
            params={{ count: breaches.size || missing.size }}
            items={questions.flatMap((question, index) => {
              const problem = breaches.has(question.id) ? "assessment.mustChange" : missing.has(question.id) ? "assessment.unanswered" : null;
              return problem ? [{ href: `#${fieldId(question.id)}`, text: `${t("assessment.questionNumber", { number: index + 1 })} ${t(problem)}` }] : [];
            })}
          />
          {questions.map((question, index) => {
            const breach = breaches.get(question.id);
            return (
              <fieldset key={question.id} className={`question${breach ? " question--breach" : ""}`} aria-describedby={`${question.id}-article`}>
                <legend>
                  <span className="question__number">{t("assessment.questionNumber", { number: index + 1 })}</span> {question.prompt}
                </legend>
                <p className="field__hint" id={`${question.id}-article`}>
                  {t("assessment.article", { article: question.article })}
                </p>
                {(["yes", "no"] as const).map((answer) => (
                  <label key={answer} className="choice">
                    <input
                      type="radio"
                      name={`${FIELD_PREFIX}${question.id}`}
                      value={answer}
                      id={answer === "yes" ? fieldId(question.id) : undefined}
                      defaultChecked={chosen[question.id] === answer}
                    />
                    <span>{t(answer === "yes" ? "assessment.yes" : "assessment.no")}</span>
                  </label>
                ))}
                {breach ? (
                  <div className="breach">
                    <p className="breach__title">{t("assessment.mustChange")}</p>
                    <p>{breach.fix}</p>
                    <p className="breach__article">{t("assessment.article", { article: breach.article })}</p>
                  </div>
                ) : null}
                {missing.has(question.id) ? <p className="field__error">{t("assessment.unanswered")}</p> : null}
              </fieldset>
            );
          })}
          <button type="submit" className="button button--primary" disabled={submitting}>
            {t("assessment.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
