import type { ReactNode } from "react";

import { useT } from "#app/i18n/use-t";
import type { ReviewedQuestion } from "#app/models/grade.server";

/**
 * The graded quiz: verdict, score and the question-by-question review. The signed-in quiz and the
 * children's anonymous self-check show the same result; only what comes next differs (continue or
 * retry an attempt, or take the self-check again), so the caller passes that as `next`, and `note`
 * says what the review leaves out when it does.
 */
export function QuizResult({
  score,
  passed,
  passMark,
  review,
  next,
  note,
}: {
  score: number;
  passed: boolean;
  passMark: number;
  review: ReviewedQuestion[];
  next: ReactNode;
  note?: ReactNode;
}) {
  const t = useT();
  const rightCount = review.filter((question) => question.right).length;
  return (
    <>
      <section className={`result result--${passed ? "passed" : "failed"}`} role="status" data-form-result="">
        <p className="result__verdict">{passed ? t("quiz.passed") : t("quiz.failed")}</p>
        <p>{t("quiz.score", { right: rightCount, total: review.length, score, passMark })}</p>
      </section>
      {next}
      <h2>{t("quiz.review")}</h2>
      {note ? <p>{note}</p> : null}
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
