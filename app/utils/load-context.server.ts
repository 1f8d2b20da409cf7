import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (see server.js for proxies). */
    clientAddress?: string;
    /** True for the data requests of client-side navigation, false for documents. */
    isDataRequest?: boolean;
    /** This response's Content-Security-Policy nonce (server.js) */
    cspNonce?: string;
  }
}

export function getClientAddress(context: AppLoadContext) {
  return context.clientAddress ?? "unknown";
}
