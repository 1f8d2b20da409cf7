import { createContext, useContext } from "react";

/**
 * The nonce of this response's Content-Security-Policy (server.js makes one per request), for the
 * few inline scripts Remix writes. Empty in the browser, which hides nonces from scripts anyway.
 */
export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
