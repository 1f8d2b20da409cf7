// The HTTP server: static files, the checks every request passes, then Remix.
// A custom server (not remix-serve) because the sign-in limit needs the client's address and the
// origin check must run before every action; see docs/decisions/001-express-server.md.
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { setImmediate, setTimeout } from "node:timers";
import zlib from "node:zlib";

import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

// One JSON object per line on stdout, for whatever collects the logs. Callers pass only fields
// chosen here: never cookies, bodies or query strings (they can hold names, phones, codes).
function log(level, msg, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

// One event loop renders every page, so one process uses one core. WEB_CONCURRENCY > 1 starts that
// many processes on one port (server-cluster.js); sessions and the sign-in limit are in the database.
const webConcurrency = Number.parseInt(process.env.WEB_CONCURRENCY ?? "1", 10);
if (cluster.isPrimary && webConcurrency > 1) {
  const { runCluster } = await import("./server-cluster.js");
  await runCluster(webConcurrency, log);
}

installGlobals({ nativeFetch: true });

const BUILD_PATH = "./build/index.js";
const build = await import(BUILD_PATH);
const port = Number(process.env.PORT ?? 3000);
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (e.g. "1" or "loopback") lets X-Forwarded-For name the client.
const trustProxy = process.env.TRUST_PROXY;
app.set("trust proxy", trustProxy === undefined ? false : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);

// A proxy's request id is kept when it looks like one, so its logs and ours can be joined.
const REQUEST_ID = /^[\w.:-]{8,128}$/;
let inFlight = 0;
let shuttingDown = false;
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const incoming = req.get("x-request-id");
  const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const path = req.originalUrl.split("?")[0];
  res.set("X-Request-Id", id);
  inFlight += 1;
  res.once("close", () => {
    inFlight -= 1;
    const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
    const level = res.statusCode >= 500 ? "error" : "info";
    log(level, "request", { requestId: id, method: req.method, path, status: res.statusCode, durationMs, ...(res.writableFinished ? {} : { aborted: true }) });
    // The keep-alive socket this response leaves idle would otherwise hold shutdown open.
    if (shuttingDown) setImmediate(() => server.closeIdleConnections());
  });
  // A request that arrives on a kept-alive socket after SIGTERM is served, then the socket closed.
  if (shuttingDown) res.set("Connection", "close");
  next();
});

// Scripts run only from this site or with this response's nonce; nothing frames the pages; fonts,
// images and styles come from this site (inline style attributes are the server-drawn charts').
// In development the live-reload socket of `remix dev` must connect too.
const CONNECT_SRC = build.mode === "development" ? "'self' ws://localhost:*" : "'self'";
app.use((req, res, next) => {
  // A built script, style or font is no document: of these headers only nosniff applies to it, and
  // the rest would cost a phone about 10 KB over the 25 files of a first visit.
  if (req.path.startsWith("/build/")) {
    res.set("X-Content-Type-Options", "nosniff");
    return next();
  }
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set({
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${CONNECT_SRC}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
  });
  // Over HTTPS (req.secure: directly, or per X-Forwarded-Proto when TRUST_PROXY trusts the proxy),
  // browsers are told to use nothing else for a year; a plain-HTTP office server never says so.
  if (build.mode === "production" && req.secure) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

/** The origin (scheme, host and port) a URL names, or null when it names none. */
function originOf(url) {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

// Cross-site request forgery: a state-changing request must come from a page of this site, scheme
// included (a page served over plain HTTP must not post to the HTTPS site). Behind TRUST_PROXY the
// proxy's X-Forwarded-Proto and X-Forwarded-Host say what the browser asked for.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Posted by a gateway, not a browser: it carries a shared secret (SMS_REPLY_TOKEN), reads no
// cookie and changes nothing of a signed-in person, so no page's Origin is asked of it.
const MACHINE_ENDPOINTS = new Set(["/api/sms-reply"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method) || MACHINE_ENDPOINTS.has(req.path)) return next();
  const host = req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host");
  const origin = originOf(req.get("origin"));
  if (!origin || origin !== originOf(`${req.protocol}://${host}`)) {
    res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ. / Forbidden: invalid origin.");
    return;
  }
  next();
});

// Scripts and styles of the build are served from the copies `npm run build` compressed at the best
// level (scripts/compress-assets.ts), in the encoding the browser prefers; anything without a copy
// falls through to the on-the-fly compression below.
const PRECOMPRESSED = /\.(js|css)$/;
const COPY_SUFFIX = { br: ".br", gzip: ".gz" };
const buildCopies = express.static("public/build", {
  immutable: true,
  maxAge: "1y",
  fallthrough: true,
  setHeaders(res, file) {
    const suffix = path.extname(file);
    res.set("Content-Encoding", suffix === ".br" ? "br" : "gzip");
    res.type(path.extname(file.slice(0, -suffix.length)));
  },
});
app.use("/build", (req, res, next) => {
  if (!PRECOMPRESSED.test(req.path) || !req.get("accept-encoding")) return next();
  // Brotli whenever it is accepted at all: browsers list it after gzip but read it as well.
  const encoding = req.acceptsEncodings("br") === "br" ? "br" : req.acceptsEncodings("gzip") === "gzip" ? "gzip" : null;
  res.vary("Accept-Encoding");
  if (!encoding) return next();
  const asked = req.url;
  req.url = `${req.path}${COPY_SUFFIX[encoding]}`;
  buildCopies(req, res, () => {
    req.url = asked;
    next();
  });
});

// Brotli or gzip, as the browser accepts. Remix calls res.flush() after each chunk of a streamed
// page, so the shell still reaches the browser before slow data; PDFs, spreadsheets and images are
// left as they are (already compressed). Every page is compressed anew, on the CPU the other
// requests wait for: gzip level 3 and brotli quality 2 take about 0.4 ms for a 23 KB lesson page,
// against 0.7-0.8 ms at the defaults (6 and 4), for 7.4-7.6 KB instead of 7.0-7.2.
app.use(compression({ level: 3, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } } }));

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.get("/favicon.svg", (req, res) => res.sendFile("favicon.svg", { root: "public", maxAge: "1d" }));
// The offline worker (built by scripts/build-offline.ts) is checked for a new release at every visit.
app.get("/sw.js", (req, res) => res.sendFile("sw.js", { root: "public", cacheControl: false, headers: { "Cache-Control": "no-cache" } }));
app.use("/icons", express.static("public/icons", { maxAge: "1d" }));

// Each request in a scope of its own, which all its loaders share (app/utils/request-scope.server.ts).
const { runInRequestScope } = build.entry.module;
const handleWithRemix = createRequestHandler({
  build,
  mode: build.mode,
  getLoadContext: (req, res) => ({
    cspNonce: res.locals.cspNonce,
    clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    // Remix removes `_data` from the URL its loaders see; pages that send a payload once in a
    // document and again in data requests need to know which this is.
    isDataRequest: req.query._data !== undefined,
  }),
});
app.all("*", (req, res, next) => runInRequestScope(() => handleWithRemix(req, res, next)));

const server = app.listen(port, () => {
  // Under server-cluster.js, the first process says "listening" once all its workers do.
  log("info", cluster.isWorker ? "worker listening" : "listening", { url: `http://localhost:${port}`, mode: build.mode, pid: process.pid });
  if (build.mode === "development") broadcastDevReady(build);
});

// Stop accepting, finish the requests in flight, then exit: a rolling restart loses nothing.
// Nothing else needs saving: sessions and sign-in limits live in the database, and the compiled
// content cache is rebuilt by the next process.
function shutDown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => {
    log("error", "shutdown timed out", { inFlight, timeoutMs: shutdownTimeoutMs });
    process.exit(1);
  }, shutdownTimeoutMs).unref();
  server.close(async () => {
    // db.server.ts keeps the one Prisma client on globalThis; closing it ends SQLite cleanly.
    await globalThis.prisma?.$disconnect();
    log("info", "stopped", { signal });
    process.exit(0);
  });
  server.closeIdleConnections();
  log("info", "shutting down", { signal, inFlight });
}
process.on("SIGTERM", () => shutDown("SIGTERM"));
process.on("SIGINT", () => shutDown("SIGINT"));
