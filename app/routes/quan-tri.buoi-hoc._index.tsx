import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ExportLinks } from "#app/components/export-links";
import { trainingSessionKindKey } from "#app/components/training-session-kind";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listTrainingSessions } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trainingSessions.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const trainingSessions = await listTrainingSessions(admin);
  return {
    trainingSessions: trainingSessions.map((trainingSession) => ({
      id: trainingSession.id,
      heldOn: formatDate(trainingSession.heldOn),
      place: trainingSession.place,
      kind: trainingSession.kind,
      ward: trainingSession.unit.name,
      attendees: trainingSession._count.attendance,
    })),
  };
}

export default function TrainingSessionsPage() {
  const t = useT();
  const { trainingSessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <section>
      <div className="page-heading">
        <h1>{t("trainingSessions.title")}</h1>
        <Link to="/quan-tri/buoi-hoc/moi" className="button button--primary">
          {t("trainingSessions.create")}
        </Link>
      </div>
      {searchParams.has("da-xoa") ? (
        <p className="notice" role="status" data-form-result="">
          {t("trainingSessions.deleted")}
        </p>
      ) : null}
      {trainingSessions.length === 0 ? <p>{t("trainingSessions.none")}</p> : <ExportLinks path="/quan-tri/buoi-hoc/xuat" />}
      <ul className="record-list">
        {trainingSessions.map((trainingSession) => (
          <li key={trainingSession.id} className="record">
            <Link to={`/quan-tri/buoi-hoc/${trainingSession.id}`} className="record__title">
              {trainingSession.heldOn} · {trainingSession.place}
            </Link>
            <span>{trainingSession.ward}</span>
            <span>{t(trainingSessionKindKey(trainingSession.kind))}</span>
            <span>{t("trainingSessions.attendees", { count: trainingSession.attendees })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
