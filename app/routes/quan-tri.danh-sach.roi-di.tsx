import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { markRosterEntryLeft } from "#app/models/roster.server";
import { scopeOn } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { readForm, requireRedirectTarget } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";

export async function loader() {
  return redirect("/quan-tri/danh-sach");
}

/** "Đã rời đi": the entry leaves the population from today. Only entries in the admin's scope. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const entryId = formData.get("entryId");
  invariantResponse(typeof entryId === "string" && entryId, 400);
  const backTo = requireRedirectTarget(formData, "/quan-tri/danh-sach");
  invariantResponse(await markRosterEntryLeft(admin, await scopeOn(admin.unitPath), entryId, new Date()), 404);
  return redirect(backTo);
}
