import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (see server.js for proxies). */
    clientAddress?: string;
  }
}

export function getClientAddress(context: AppLoadContext) {
  return context.clientAddress ?? "unknown";
}
