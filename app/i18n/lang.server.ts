import { createCookie } from "@remix-run/node";

import { secureCookies } from "#app/utils/env.server";

import { isLang, type Lang } from "./lang";

export const langCookie = createCookie("lang", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  maxAge: 60 * 60 * 24 * 365,
});

/** The reader's language: the one they chose, remembered in a cookie; Vietnamese otherwise. */
export async function getLang(request: Request): Promise<Lang> {
  const value: unknown = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(value) ? value : "vi";
}
