import { Form, Link } from "@remix-run/react";

import { useT } from "#app/i18n/use-t";
import type { ReviewedQuestion } from "#app/models/grade.server";

export function QuizResult(props: { score: number; passed: boolean; passMark: number; review: ReviewedQuestion[]; courseSlug: string; moduleSlug: string }) {
  const t = useT();
  const { score, passed, passMark, review, courseSlug, moduleSlug } = props;
  const rightCount = review.filter((question) => question.right).length;
  return (
    <>
      <section className={`result result--${passed ? "passed" : "failed"}`} role="status" data-form-result="">
        <p className="result__verdict">{passed ? t("quiz.passed") : t("quiz.failed")}</p>
        <p>{t("quiz.score", { right: rightCount, total: review.length, score, passMark })}</p>
      </section>
      {passed ? (
        <p>
          <Link to={`/khoa-hoc/${courseSlug}/${moduleSlug}#kiem-tra`} className="button button--primary">
            {t("quiz.continue")}
          </Link>
        </p>
      ) : (
        <Form method="post" action={`/khoa-hoc/${courseSlug}/${moduleSlug}`}>
          <input type="hidden" name="intent" value="start-quiz" />
          <button type="submit" className="button button--primary">
            {t("quiz.retry")}
          </button>
        </Form>
      )}
      <h2>{t("quiz.review")}</h2>
      {passed ? null : <p>{t("quiz.reviewFailed")}</p>}
      <ol className="review">
        {review.map((question) => (
          <li key={question.id} className={`review__item review__item--${question.right ? "right" : "wrong"}`}>
            <p className="review__prompt">
              <strong>{question.right ? t("quiz.right") : t("quiz.wrong")}</strong> {question.prompt}
            </p>
            <ul className="review__options">
              {question.options.map((option) => (
                <li key={option.id}>
                  {option.text}
                  {option.chosen ? <span className="tag">{t("quiz.yourAnswer")}</span> : null}
                  {option.correct ? <span className="tag tag--correct">{t("quiz.correctAnswer")}</span> : null}
                </li>
              ))}
            </ul>
            <p className="review__explanation">{question.explanation}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
