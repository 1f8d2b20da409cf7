import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ExportLinks } from "#app/components/export-links";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listTrainingSessions } from "#app/models/training-session.server";
import { requireAdmin } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "sessions.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const sessions = await listTrainingSessions(admin);
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      heldOn: formatDate(session.heldOn),
      place: session.place,
      kind: session.kind,
      ward: session.unit.name,
      attendees: session._count.attendance,
    })),
  };
}

export default function SessionsPage() {
  const t = useT();
  const { sessions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <section>
      <div className="page-heading">
        <h1>{t("sessions.title")}</h1>
        <Link to="/quan-tri/buoi-hoc/moi" className="button button--primary">
          {t("sessions.create")}
        </Link>
      </div>
      {searchParams.has("da-xoa") ? (
        <p className="notice" role="status" data-form-result="">
          {t("sessions.deleted")}
        </p>
      ) : null}
      {sessions.length === 0 ? <p>{t("sessions.none")}</p> : <ExportLinks path="/quan-tri/buoi-hoc/xuat" />}
      <ul className="record-list">
        {sessions.map((session) => (
          <li key={session.id} className="record">
            <Link to={`/quan-tri/buoi-hoc/${session.id}`} className="record__title">
              {session.heldOn} · {session.place}
            </Link>
            <span>{session.ward}</span>
            <span>{t(session.kind === "training" ? "sessions.kind.training" : "sessions.kind.communication")}</span>
            <span>{t("sessions.attendees", { count: session.attendees })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
