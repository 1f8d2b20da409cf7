// The web app manifest: what a phone needs to install the platform as an app.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getLang } from "#app/i18n/lang.server";
import { translate } from "#app/i18n/messages";

const THEME_COLOUR = "#0b5394";

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const manifest = {
    name: translate(lang, "site.name"),
    short_name: translate(lang, "app.shortName"),
    description: translate(lang, "app.description"),
    lang,
    start_url: "/khoa-hoc",
    scope: "/",
    display: "standalone",
    theme_color: THEME_COLOUR,
    background_color: "#ffffff",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/favicon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "private, max-age=3600" },
  });
}
