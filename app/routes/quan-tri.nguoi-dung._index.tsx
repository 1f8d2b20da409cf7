import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { SearchForm } from "#app/components/search-form";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { roleKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { listUsersInScope } from "#app/models/user-admin.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseListQuery } from "#app/utils/list-query";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "users.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q, page } = parseListQuery(request);
  const [lang, result] = await Promise.all([getLang(request), listUsersInScope(admin, q, page)]);
  const groups = targetGroupLabels(lang);
  return {
    q,
    page,
    total: result.total,
    pageCount: result.pageCount,
    users: result.users.map((user) => ({
      id: user.id,
      fullName: user.fullName,
      phone: formatPhone(user.phone),
      ward: user.unit.name,
      role: user.role,
      targetGroup: user.targetGroup ? (groups[user.targetGroup] ?? user.targetGroup) : "",
    })),
  };
}

export default function UserListPage() {
  const t = useT();
  const { q, page, total, pageCount, users } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-heading">
        <h1>{t("users.title")}</h1>
        <Link to="/quan-tri/nguoi-dung/moi" className="button button--primary">
          {t("users.create")}
        </Link>
      </div>
      <SearchForm q={q} placeholder={t("users.searchPlaceholder")} />
      <p role="status">{t("users.count", { count: total })}</p>
      {users.length > 0 ? (
        <ul className="record-list">
          {users.map((user) => (
            <li key={user.id} className="record">
              <Link to={`/quan-tri/nguoi-dung/${user.id}`} className="record__title">
                {user.fullName}
              </Link>
              <span>{user.phone}</span>
              <span>{user.ward}</span>
              <span>{user.role === "learner" ? user.targetGroup : t(roleKey(user.role))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("users.none")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
