import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { markRosterEntryLeft, undoRosterEntryLeft } from "#app/models/roster.server";
import { scopeOn } from "#app/models/scope.server";
import { requireAdmin } from "#app/utils/auth.server";
import { readForm, requireRedirectTarget } from "#app/utils/forms.server";
import { invariantResponse } from "#app/utils/http.server";

export async function loader() {
  return redirect("/quan-tri/danh-sach");
}

/**
 * "Đã rời đi": the entry leaves the population from today, or (intent "undo") comes back. Only
 * entries in the admin's scope. The page it came from says what was done and offers the undo.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const entryId = formData.get("entryId");
  invariantResponse(typeof entryId === "string" && entryId, 400);
  const back = new URL(requireRedirectTarget(formData, "/quan-tri/danh-sach"), "http://localhost");
  back.searchParams.delete("roi-di");
  back.searchParams.delete("hoan-tac");
  const scope = await scopeOn(admin.unitPath);
  if (formData.get("intent") === "undo") {
    invariantResponse(await undoRosterEntryLeft(admin, scope, entryId), 404);
    back.searchParams.set("hoan-tac", "1");
  } else {
    invariantResponse(await markRosterEntryLeft(admin, scope, entryId, new Date()), 404);
    back.searchParams.set("roi-di", entryId);
  }
  return redirect(`${back.pathname}${back.search}`);
}
