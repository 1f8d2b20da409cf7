import { AsyncLocalStorage } from "node:async_hooks";

// Remix hands each loader of a page a Request object of its own, so a cache keyed on the Request
// works per loader, not per page. server.js runs every HTTP request inside a scope of its own
// (through `runInRequestScope`, exported by entry.server.tsx), which all of its loaders share.
const scopes = new AsyncLocalStorage<Map<symbol, unknown>>();

export function runInRequestScope<T>(run: () => T): T {
  return scopes.run(new Map(), run);
}

/** `compute()` once per HTTP request, shared by all its loaders; outside a request, every time. */
export function oncePerRequest<T>(key: symbol, compute: () => T): T {
  const scope = scopes.getStore();
  if (!scope) return compute();
  if (!scope.has(key)) scope.set(key, compute());
  return scope.get(key) as T;
}
