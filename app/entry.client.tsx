import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

import { addCatalogue } from "#app/i18n/messages";

// The Vietnamese messages are in the bundle; a page in English loads its own before it hydrates.
const messagesReady = document.documentElement.lang === "en" ? import("#app/i18n/messages-en").then(({ en }) => addCatalogue("en", en)) : Promise.resolve();

void messagesReady.then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
