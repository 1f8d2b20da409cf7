import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { isLang } from "#app/i18n/lang";
import { langCookie } from "#app/i18n/lang.server";
import { safeRedirect } from "#app/utils/redirect";

export async function loader() {
  return redirect("/");
}

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const to = safeRedirect(formData.get("redirectTo"));
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}
