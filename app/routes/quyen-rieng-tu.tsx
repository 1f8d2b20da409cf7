import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { privacyNotice, PRIVACY_NOTICE_VERSION } from "#app/content/privacy-notice";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { env } from "#app/utils/env.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "privacy.title") }];

// Public: anyone may read what is kept before deciding to sign up.
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const sections = privacyNotice(lang, { operator: env.PRIVACY_OPERATOR, contact: env.PRIVACY_CONTACT, retentionYears: env.RETENTION_YEARS });
  return { sections, version: PRIVACY_NOTICE_VERSION };
}

export default function PrivacyNoticePage() {
  const t = useT();
  const { sections, version } = useLoaderData<typeof loader>();
  return (
    <article className="narrow">
      <h1>{t("privacy.title")}</h1>
      <p className="muted">{t("privacy.version", { version })}</p>
      {sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      ))}
    </article>
  );
}
