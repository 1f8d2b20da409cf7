import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { isLang } from "#app/i18n/lang";
import { langCookie } from "#app/i18n/lang.server";
import { readForm, requireRedirectTarget } from "#app/utils/forms.server";

export async function loader() {
  return redirect("/");
}

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const lang = formData.get("lang");
  const to = requireRedirectTarget(formData);
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}
