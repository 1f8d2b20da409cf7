import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField } from "#app/components/form-field";
import { TargetGroupField } from "#app/components/target-group-field";
import { isTargetGroup } from "#app/content/programme.server";
import { accountGroupOptions, mayHaveAccount } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { adminWardPicker } from "#app/utils/ward-picker.server";
import { SETUP_CODE_DAYS } from "#app/models/setup-code.server";
import { createAccountsFromRoster } from "#app/models/user-admin.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { formatPhone } from "#app/utils/phone";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "bulk.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function bulkSchema() {
  return z.object({ unitId: requiredField, targetGroup: requiredField });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const lang = await getLang(request);
  const { wards, formerWards } = await adminWardPicker(admin, lang);
  return {
    wards,
    formerWards,
    // Children learn without an account (issue 16): their group is not offered.
    targetGroups: accountGroupOptions(lang),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = parseForm(await readForm(request), bulkSchema());
  if (!form.ok) return rejectForm(form);
  if (!isTargetGroup(form.data.targetGroup) || !mayHaveAccount(form.data.targetGroup))
    return rejectForm({ errors: { targetGroup: "form.targetGroup.unknown" }, values: form.values });
  const created = await createAccountsFromRoster(admin, form.data);
  if (!created) return rejectForm({ errors: { unitId: "form.unknown_ward" }, values: form.values });
  // The codes are shown once, on this response, for printing; they are stored only as hashes.
  return json({ created: created.map((account) => ({ ...account, phone: formatPhone(account.phone) })), validDays: SETUP_CODE_DAYS });
}

export default function BulkAccountsPage() {
  const t = useT();
  const { wards, formerWards, targetGroups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (actionData && "created" in actionData) {
    return (
      <section>
        <h1>{t("bulk.done", { count: actionData.created.length })}</h1>
        <p className="muted">{t("bulk.print", { days: actionData.validDays })}</p>
        <table className="coverage setup-sheet">
          <thead>
            <tr>
              <th scope="col">{t("roster.name")}</th>
              <th scope="col">{t("form.phone")}</th>
              <th scope="col">{t("users.setupCode")}</th>
            </tr>
          </thead>
          <tbody>
            {actionData.created.map((account) => (
              <tr key={account.phone}>
                <td>{account.name}</td>
                <td>{account.phone}</td>
                <td>
                  <code className="setup-card__code">{account.setupCode}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <Link to="/quan-tri/danh-sach">← {t("roster.title")}</Link>
        </p>
      </section>
    );
  }
  const errors = actionData?.errors ?? {};
  return (
    <section className="narrow">
      <p>
        <Link to="/quan-tri/danh-sach">← {t("roster.title")}</Link>
      </p>
      <h1>{t("bulk.title")}</h1>
      <p>{t("bulk.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary message={actionData?.message} errors={actionData?.errors} labels={{ unitId: t("form.ward"), targetGroup: t("roster.group") }} />
        <SelectField
          name="unitId"
          label={t("form.ward")}
          options={wards}
          groups={[formerWards]}
          placeholder={wards.length > 1 ? t("form.choose") : undefined}
          error={errors.unitId}
        />
        <TargetGroupField options={targetGroups} label="roster.group" error={errors.targetGroup} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("bulk.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
