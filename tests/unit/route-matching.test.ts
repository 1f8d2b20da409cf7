import { createRequire } from "node:module";

import { expect, test } from "vitest";

import type * as Router from "@remix-run/router";
import type * as RouterServer from "react-router-dom/server";

// The server runs @remix-run/router's CommonJS build, patched by patches/@remix-run+router+*.patch
// so that a route table is flattened and ranked once, not on every request (issue 21).
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof Router;

function routeTable(): Router.AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/khoa-hoc.$course.$module", path: "khoa-hoc/:course/:module" },
        { id: "routes/khoa-hoc.$course._index", path: "khoa-hoc/:course" },
        { id: "routes/quan-tri.bao-cao.$ward", path: "quan-tri/bao-cao/:ward" },
        { id: "routes/quan-tri.bao-cao.chi-tieu.$indicator", path: "quan-tri/bao-cao/chi-tieu/:indicator" },
      ],
    },
  ];
}

const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((match) => match.route.id);

test("routes match by rank and params, as before the patch", () => {
  const routes = routeTable();
  expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "routes/_index"]);
  const lesson = matchRoutes(routes, "/khoa-hoc/ho-gia-dinh/phu-giup");
  expect(ids(lesson)).toEqual(["root", "routes/khoa-hoc.$course.$module"]);
  expect(lesson?.at(-1)?.params).toEqual({ course: "ho-gia-dinh", module: "phu-giup" });
  // The static segment outranks the parameter at the same depth.
  expect(ids(matchRoutes(routes, "/quan-tri/bao-cao/chi-tieu/T-BIZ"))).toEqual(["root", "routes/quan-tri.bao-cao.chi-tieu.$indicator"]);
  expect(ids(matchRoutes(routes, "/KHOA-HOC/Ho-Gia-Dinh"))).toEqual(["root", "routes/khoa-hoc.$course._index"]);
  expect(matchRoutes(routes, "/khong-co/trang/nay/dau")).toBeNull();
});

test("a route table is flattened and ranked once, at its first match", () => {
  const routes = routeTable();
  expect(ids(matchRoutes(routes, "/khoa-hoc/ho-gia-dinh"))).toEqual(["root", "routes/khoa-hoc.$course._index"]);
  // A route added to the same array afterwards is not seen: the ranked branches were kept. Without
  // the patch they would be rebuilt on this call and the new route would match.
  routes[0]!.children!.push({ id: "routes/moi", path: "moi" });
  expect(matchRoutes(routes, "/moi")).toBeNull();
  expect(ids(matchRoutes(routeTable().concat(), "/khoa-hoc/ho-gia-dinh"))).toEqual(["root", "routes/khoa-hoc.$course._index"]);
});

test("a pathname's matches are kept per route table, and each caller gets copies of its own", () => {
  const routes = routeTable();
  const first = matchRoutes(routes, "/khoa-hoc/ho-gia-dinh/phu-giup");
  // A caller that changes what it got (Remix hands params to loaders) changes nothing for the next.
  (first!.at(-1)!.params as Record<string, string>).module = "doi-ten";
  first!.pop();
  const second = matchRoutes(routes, "/khoa-hoc/ho-gia-dinh/phu-giup");
  expect(ids(second)).toEqual(["root", "routes/khoa-hoc.$course.$module"]);
  expect(second?.at(-1)?.params).toEqual({ course: "ho-gia-dinh", module: "phu-giup" });
  expect(second?.at(-1)?.route).toBe(routes[0]!.children![1]);
  // More pathnames than are kept: the oldest go, and every one still matches as it should.
  for (let index = 0; index < 1_500; index++) expect(matchRoutes(routes, `/khoa-hoc/khoa-${index}`)?.at(-1)?.params).toEqual({ course: `khoa-${index}` });
  expect(matchRoutes(routes, "/khoa-hoc/ho-gia-dinh/phu-giup")?.at(-1)?.params).toEqual({ course: "ho-gia-dinh", module: "phu-giup" });
  expect(matchRoutes(routes, "/khong-co/trang/nay/dau")).toBeNull();
});

test("the server renderer converts a route table to data routes once", () => {
  // react-router-dom/server, patched by patches/react-router-dom+*.patch: Remix's RemixServer (also
  // patched) hands it the same server routes on every request.
  const { createStaticRouter } = createRequire(import.meta.url)("react-router-dom/server") as typeof RouterServer;
  const routes = routeTable();
  const context = {
    basename: "/",
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: [],
    loaderData: {},
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
    activeDeferreds: null,
  };
  expect(createStaticRouter(routes, context).routes).toBe(createStaticRouter(routes, context).routes);
});
