import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

import { requireAdmin } from "#app/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return redirect("/quan-tri/nguoi-dung");
}
