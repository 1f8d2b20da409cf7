import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/error-summary";
import { SelectField } from "#app/components/form-field";
import { SetupCodeCard } from "#app/components/setup-code-card";
import { targetGroupLabels } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { roleKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { isOptedOut } from "#app/models/outbox/opt-out.server";
import { confirmPhoneByAdmin } from "#app/models/phone-confirmation.server";
import { listUnitsInScope, scopeOn } from "#app/models/scope.server";
import { SETUP_CODE_DAYS } from "#app/models/setup-code.server";
import { changeRoleOrUnit, findUserInScope, maySetUpAccount, reissueSetupCode } from "#app/models/user-admin.server";
import { requireAdmin } from "#app/utils/auth.server";
import { parseForm, requiredField } from "#app/utils/forms";
import { readForm, rejectForm } from "#app/utils/forms.server";
import { forbidden, invariantResponse, notFound } from "#app/utils/http.server";
import { formatPhone } from "#app/utils/phone";
import { ROLES } from "#app/utils/roles";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "user.title") }];

// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function changeRoleSchema() {
  return z.object({
    role: z.enum(ROLES, { errorMap: () => ({ message: "form.invalid" }) }),
    unitId: requiredField,
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const user = await findUserInScope(admin, params.userId ?? "");
  invariantResponse(user, 404);
  const lang = await getLang(request);
  const canChangeRole = admin.role === "district_admin";
  const [units, scope, phoneOptedOut] = await Promise.all([canChangeRole ? listUnitsInScope(admin.unitPath) : [], scopeOn(admin.unitPath), isOptedOut(user.phone)]);
  return {
    user: {
      id: user.id,
      fullName: user.fullName,
      phone: formatPhone(user.phone),
      email: user.email,
      role: user.role,
      unitId: user.unitId,
      ward: user.unit.name,
      targetGroup: user.targetGroup ? (targetGroupLabels(lang)[user.targetGroup] ?? user.targetGroup) : null,
      hasPassword: user.hasPassword,
      setupPending: user.setupExpiresAt !== null,
      phoneConfirmed: user.phoneConfirmedAt !== null,
      // The phone declined messages (/tu-choi): a code is read out, never sent by SMS.
      phoneOptedOut,
    },
    canChangeRole,
    canReissueCode: maySetUpAccount(admin.unitPath, scope, { role: user.role, unitId: user.unitId, unitPath: user.unit.path }),
    units: units.map((unit) => ({ value: unit.id, label: unit.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const userId = params.userId ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "reissue-code") {
    const user = await findUserInScope(admin, userId);
    invariantResponse(user, 404);
    const setupCode = await reissueSetupCode(admin, userId);
    invariantResponse(setupCode, 403);
    return json({ reissued: { fullName: user.fullName, phone: formatPhone(user.phone), setupCode, validDays: SETUP_CODE_DAYS } });
  }
  if (intent === "send-code-by-sms") {
    const user = await findUserInScope(admin, userId);
    invariantResponse(user, 404);
    // Declined since the page was drawn: the page now says so, and no code was changed.
    if (await isOptedOut(user.phone)) return redirect(`/quan-tri/nguoi-dung/${userId}`);
    invariantResponse(await reissueSetupCode(admin, userId, new Date(), { bySms: true }), 404);
    return redirect(`/quan-tri/nguoi-dung/${userId}?da-gui-ma=1`);
  }
  if (intent === "confirm-phone") {
    invariantResponse(await confirmPhoneByAdmin(admin, userId), 404);
    return redirect(`/quan-tri/nguoi-dung/${userId}?da-xac-nhan=1`);
  }
  if (intent === "change-role") {
    const form = parseForm(formData, changeRoleSchema());
    if (!form.ok) return rejectForm(form);
    const result = await changeRoleOrUnit(admin, userId, form.data);
    if (!result.ok && result.error === "forbidden") throw forbidden();
    if (!result.ok && result.error === "not_found") throw notFound();
    if (!result.ok) return rejectForm({ errors: { unitId: "user.unitMismatch" }, values: form.values });
    return redirect(`/quan-tri/nguoi-dung/${userId}?da-luu=1`);
  }
  return rejectForm({ message: "form.invalid" });
}

export default function UserPage() {
  const t = useT();
  const { user, canChangeRole, canReissueCode, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const problem = actionData && "errors" in actionData ? actionData : null;
  return (
    <section className="narrow">
      <p>
        <Link to="/quan-tri/nguoi-dung">← {t("users.title")}</Link>
      </p>
      <h1>{user.fullName}</h1>
      {searchParams.has("da-luu") && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t("user.saved")}
        </p>
      ) : null}
      {searchParams.has("da-gui-ma") && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t("user.codeSentBySms")}
        </p>
      ) : null}
      {searchParams.has("da-xac-nhan") && !actionData ? (
        <p className="notice" role="status" data-form-result="">
          {t("user.phoneJustConfirmed")}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("form.phone")}</dt>
        <dd>{user.phone}</dd>
        <dt>{t("form.email")}</dt>
        <dd>{user.email ?? "—"}</dd>
        <dt>{t("form.ward")}</dt>
        <dd>{user.ward}</dd>
        <dt>{t("form.targetGroup")}</dt>
        <dd>{user.targetGroup ?? "—"}</dd>
        <dt>{t("user.role")}</dt>
        <dd>{t(roleKey(user.role))}</dd>
        <dt>{t("user.account")}</dt>
        <dd>{user.hasPassword ? t("user.accountActive") : t("user.accountPending")}</dd>
        <dt>{t("user.phoneStatus")}</dt>
        <dd>{user.phoneConfirmed ? t("user.phoneConfirmed") : t("user.phoneUnconfirmed")}</dd>
      </dl>

      {user.phoneConfirmed ? null : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="confirm-phone" />
          <p>{t("user.confirmPhoneHint")}</p>
          <button type="submit" className="button">
            {t("user.confirmPhone")}
          </button>
        </Form>
      )}

      {actionData && "reissued" in actionData ? <SetupCodeCard {...actionData.reissued} /> : null}
      {canReissueCode ? (
        <div className="next-step">
          <Form method="post">
            <input type="hidden" name="intent" value="reissue-code" />
            <button type="submit" className="button">
              {t("user.reissueCode")}
            </button>
          </Form>
          {user.phoneOptedOut ? (
            <p>{t("user.phoneOptedOut")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="send-code-by-sms" />
              <button type="submit" className="button">
                {t("user.sendCodeBySms")}
              </button>
            </Form>
          )}
        </div>
      ) : null}

      {canChangeRole ? (
        <Form method="post" className="stack" noValidate>
          <h2>{t("user.changeRole")}</h2>
          <ErrorSummary message={problem?.message} errors={problem?.errors} labels={{ role: t("user.role"), unitId: t("user.unit") }} />
          <input type="hidden" name="intent" value="change-role" />
          <SelectField
            name="role"
            label={t("user.role")}
            options={ROLES.map((role) => ({ value: role, label: t(roleKey(role)) }))}
            defaultValue={problem?.values.role ?? user.role}
            error={problem?.errors.role}
          />
          <SelectField
            name="unitId"
            label={t("user.unit")}
            hint={t("user.unitHint")}
            options={units}
            defaultValue={problem?.values.unitId ?? user.unitId}
            error={problem?.errors.unitId}
          />
          <button type="submit" className="button button--primary">
            {t("user.saveRole")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
