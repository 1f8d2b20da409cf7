import { createRequire } from "node:module";

import { expect, test } from "vitest";

// The server runs @remix-run/server-runtime's CommonJS build, patched by
// patches/@remix-run+server-runtime+*.patch: Remix copied every request twice per loader (once to
// drop `?index`, once to drop `?_data`), about 40 µs each, even when neither was in the URL (issue 21).
type LoaderArgs = { request: Request; context: unknown; params: Record<string, string> };
type CallRouteLoader = (args: {
  loadContext: unknown;
  loader: (args: LoaderArgs) => unknown;
  params: Record<string, string>;
  request: Request;
  routeId: string;
  singleFetch: boolean;
}) => Promise<unknown>;
const { callRouteLoader } = createRequire(import.meta.url)("@remix-run/server-runtime/dist/data.js") as { callRouteLoader: CallRouteLoader };

async function requestSeenByLoader(request: Request) {
  let seen: Request | undefined;
  await callRouteLoader({ loadContext: {}, params: {}, request, routeId: "routes/test", singleFetch: false, loader: ({ request }) => ((seen = request), null) });
  return seen!;
}

test("a loader gets the page's own request when its URL carries neither ?index nor ?_data", async () => {
  const request = new Request("http://localhost/khoa-hoc/ho-gia-dinh/phu-giup?trang=2", { headers: { cookie: "session=abc" } });
  expect(await requestSeenByLoader(request)).toBe(request);
});

test("a loader still gets the URL without Remix's ?_data and empty ?index, the rest kept", async () => {
  const request = new Request("http://localhost/khoa-hoc?index&_data=routes%2Fkhoa-hoc._index&trang=2", { headers: { cookie: "session=abc" } });
  const seen = await requestSeenByLoader(request);
  expect(seen.url).toBe("http://localhost/khoa-hoc?trang=2");
  expect(seen.headers.get("cookie")).toBe("session=abc");
});
