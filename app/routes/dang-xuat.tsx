import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { endSession } from "#app/utils/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // What the phone kept for offline learning (pages, courses, answers still waiting, the service
  // worker itself) belongs to this learner: the browser drops it with the session.
  const headers = new Headers({ "Set-Cookie": await endSession(request), "Clear-Site-Data": '"cache", "storage"' });
  return redirect("/", { headers });
}
