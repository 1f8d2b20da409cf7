import { Form, Link } from "@remix-run/react";

import { QuizResult } from "#app/components/quiz-result";
import { useT } from "#app/i18n/use-t";
import type { ReviewedQuestion } from "#app/models/grade.server";

export function AttemptResult(props: { score: number; passed: boolean; passMark: number; review: ReviewedQuestion[]; courseSlug: string; moduleSlug: string }) {
  const t = useT();
  const { score, passed, passMark, review, courseSlug, moduleSlug } = props;
  const next = passed ? (
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
  );
  return <QuizResult score={score} passed={passed} passMark={passMark} review={review} next={next} note={passed ? null : t("quiz.reviewFailed")} />;
}
