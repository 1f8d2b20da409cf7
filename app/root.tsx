import latinBold from "@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2";
import latin from "@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff2";
import vietnameseBold from "@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2";
import vietnamese from "@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-normal.woff2";
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary, MESSAGES_BY_STATUS } from "#app/components/error-boundary";
import { FormFocus } from "#app/components/form-focus";
import { OfflineSupport } from "#app/components/offline-support";
import { SiteFooter } from "#app/components/site-footer";
import { SiteHeader } from "#app/components/site-header";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useLang } from "#app/i18n/use-t";
import { concernsOrganisationCertification } from "#app/models/certification/organisation.server";
import stylesHref from "#app/styles/app.css";
import fontsHref from "#app/styles/fonts.css";
import { getSessionState } from "#app/utils/auth.server";
import { useNonce } from "#app/utils/nonce";

// Every page sets Vietnamese text in both weights: the fonts load alongside the style sheets, not after.
const FONTS = [vietnamese, latin, vietnameseBold, latinBold];

export const links: LinksFunction = () => [
  ...FONTS.map((href) => ({ rel: "preload", href, as: "font", type: "font/woff2", crossOrigin: "anonymous" as const })),
  { rel: "stylesheet", href: fontsHref },
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];

// The error page's title (a route's own meta names its pages); an address that matches no route has only this one.
export const meta: MetaFunction = ({ error, matches }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The same title as the page's heading (a 405 reads as a request that does not fit, like a 400).
  return [{ title: pageTitle(matches, MESSAGES_BY_STATUS[status]?.title ?? "error.500.title") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [lang, { user, cookie }] = await Promise.all([getLang(request), getSessionState(request)]);
  const headers = cookie ? { "Set-Cookie": cookie } : undefined;
  const organisation = user?.role === "learner" && concernsOrganisationCertification(user);
  return json({ lang, user: user && { fullName: user.fullName, role: user.role, organisation } }, { headers });
}

// The document shell, shared by the app and its error page (Remix renders both inside it).
export function Layout({ children }: { children: React.ReactNode }) {
  const lang = useLang();
  const user = useRouteLoaderData<typeof loader>("root")?.user ?? null;
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5394" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader user={user} />
        <OfflineSupport signedIn={user !== null} />
        <main id="main" className="page">
          {children}
        </main>
        <SiteFooter />
        <FormFocus />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
