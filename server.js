// The HTTP server: static files, the checks every request passes, then Remix.
// A custom server (not remix-serve) because the sign-in limit needs the client's address and the
// origin check must run before every action; see docs/decisions/001-express-server.md.
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import express from "express";

installGlobals({ nativeFetch: true });

const BUILD_PATH = "./build/index.js";
const build = await import(BUILD_PATH);
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (e.g. "1" or "loopback") lets X-Forwarded-For name the client.
const trustProxy = process.env.TRUST_PROXY;
app.set("trust proxy", trustProxy === undefined ? false : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);

app.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
  });
  next();
});

// Cross-site request forgery: a state-changing request must come from a page of this site.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  const host = req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host");
  let originHost = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ. / Forbidden: invalid origin.");
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.get("/favicon.svg", (req, res) => res.sendFile("favicon.svg", { root: "public", maxAge: "1d" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req) => ({
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      // Remix removes `_data` from the URL its loaders see; pages that send a payload once in a
      // document and again in data requests need to know which this is.
      isDataRequest: req.query._data !== undefined,
    }),
  }),
);

const server = app.listen(port, () => {
  console.log(`Listening on http://localhost:${port}`);
  if (build.mode === "development") broadcastDevReady(build);
});

// Finish the requests in flight, then exit: a rolling restart loses nothing.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
