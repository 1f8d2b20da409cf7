// `npm run load:learners -- [--learners 200] [--seconds 60] [--servers 1] [--profile-dir DIR]`: a bounded load test on
// loopback. Starts the built app (`npm run build` first) on DATABASE_URL (default: a fresh SQLite
// file, data/load.db; a postgresql:// URL names an existing, empty database), `--servers` times on
// consecutive ports (WEB_CONCURRENCY=N: each as N processes on its port, as `npm start` runs them),
// signs in N simulated learners (arriving over --ramp-seconds), then has them all open lessons and
// submit quiz attempts concurrently for a fixed time (each pausing about --think-ms between clicks),
// requests spread over the servers. It prints throughput, latency percentiles and errors, then
// checks the database: every acknowledged submission is stored exactly once, and no other.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";

import { machineSpeedLine } from "../bench/machine-speed";

const { values } = parseArgs({
  options: {
    learners: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    servers: { type: "string", default: "1" },
    port: { type: "string", default: "3900" },
    // A learner reads before the next click: without a pause, 200 clients are a flood, not 200 learners.
    "think-ms": { type: "string", default: "1000" },
    "ramp-seconds": { type: "string", default: "10" },
    // Each server runs under `node --cpu-prof`, its profile written here when it stops.
    "profile-dir": { type: "string" },
  },
});
const THINK_MS = Number(values["think-ms"]);
const RAMP_MS = Number(values["ramp-seconds"]) * 1000;
const LEARNERS = Number(values.learners);
const SECONDS = Number(values.seconds);
const SERVERS = Number(values.servers);
const FIRST_PORT = Number(values.port);

process.env.DATABASE_URL ??= "file:./data/load.db";
const onSqlite = process.env.DATABASE_URL.startsWith("file:");
if (onSqlite) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${process.env.DATABASE_URL.slice(5)}${suffix}`, { force: true });
// Learners sign in from addresses of their own (X-Forwarded-For, trusted from loopback), as from
// their phones: from one address, the sign-in limit of 10 attempts at a time per address would
// refuse a crowd arriving within seconds (it did with two server processes).
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", COOKIE_SECURE: "false", DEMO_DATA: "off", TRUST_PROXY: "loopback" };
execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore" });
execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "ignore" });

const { getCatalogue } = await import("#app/content/catalogue.server");
const { optionsOf } = await import("#app/models/grade.server");
const { hashPassword } = await import("#app/utils/auth.server");
const { prisma } = await import("#app/utils/db.server");

const servers: ChildProcess[] = [];
async function startServer(port: number) {
  const child = spawn("node", [...(values["profile-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${values["profile-dir"]}`] : []), "server.js"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server on ${port} exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes('"msg":"listening"') && resolve());
  });
  // Request logs are the servers' business; the test reads only its own figures.
  child.stdout!.resume();
}
const bases = Array.from({ length: SERVERS }, (_, index) => `http://127.0.0.1:${FIRST_PORT + index}`);
await Promise.all(bases.map((_, index) => startServer(FIRST_PORT + index)));

// The learners: accounts of their own in one ward, made directly (signing up is not under test).
const PASSWORD = "mat-khau-thu-tai";
const ward = await prisma.adminUnit.findUniqueOrThrow({ where: { code: "HN-HA-DONG" }, select: { id: true } });
const passwordHash = await hashPassword(PASSWORD);
const phones = Array.from({ length: LEARNERS }, (_, index) => `+8436${String(index).padStart(7, "0")}`);
await prisma.user.createMany({
  data: phones.map((phone, index) => ({ fullName: `Học viên tải ${index}`, searchName: `hoc vien tai ${index}`, phone, unitId: ward.id, targetGroup: "HH", passwordHash })),
});
const userIds = (await prisma.user.findMany({ where: { phone: { in: phones } }, select: { id: true } })).map((user) => user.id);
const { courses } = await getCatalogue();
const modules = courses.flatMap((course) => course.modules.map((module) => ({ course, module })));

const latencies: number[] = [];
const signInLatencies: number[] = [];
const byKind: Record<string, number[]> = {};
const errors = new Map<string, number>();
const acknowledged = new Set<string>();
const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

// Plain node:http with kept-alive connections, not fetch: the load generator shares the server's two
// cores, and undici's fetch cost it about a third of a core at this load (CPU a learner's phone
// spends, not the server). Pages come gzipped, as a browser on plain HTTP gets them.
// An idle connection is closed by the client before the server's 5 s keep-alive timeout, as browsers
// do: a request sent on a connection the server is closing at that moment fails with ECONNRESET.
const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });

async function send(base: string, path: string, init: { cookie?: string; form?: URLSearchParams; address?: string } = {}, timings = latencies) {
  const started = performance.now();
  const url = new URL(path, base);
  const body = init.form?.toString();
  const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.form ? "POST" : "GET",
        agent,
        headers: {
          "accept-encoding": "gzip",
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.address ? { "x-forwarded-for": init.address } : {}),
          ...(init.form ? { origin: base, "content-type": "application/x-www-form-urlencoded" } : {}),
        },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
  timings.push(performance.now() - started);
  const kind = `${init.form ? "POST" : "GET"} ${path.split("/")[1]}`;
  (byKind[kind] ??= []).push(performance.now() - started);
  if (response.status >= 500) fail(`HTTP ${response.status}`);
  return response;
}

/** A response's body as text, decompressed when it came gzipped. */
const textOf = ({ headers, body }: { headers: http.IncomingHttpHeaders; body: Buffer }) => (headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString();

const pause = () => new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));

/** Signs learner `index` in, arriving at their moment of the ramp; their session cookie, or null. */
async function signIn(index: number) {
  await new Promise((resolve) => setTimeout(resolve, (RAMP_MS * index) / LEARNERS));
  const form = new URLSearchParams({ identifier: `0${phones[index]!.slice(3)}`, password: PASSWORD, redirectTo: "" });
  const address = `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  const response = await send(bases[index % bases.length]!, "/dang-nhap", { form, address }, signInLatencies);
  const cookie = response.headers["set-cookie"]?.[0]?.split(";")[0];
  if (response.status !== 302 || !cookie) {
    fail(`sign-in refused (HTTP ${response.status})`);
    return null;
  }
  return cookie;
}

async function learn(index: number, cookie: string, deadline: number) {
  let turn = index;
  const base = () => bases[turn++ % bases.length]!;
  // Each starts at a moment of their own, as if they had just finished reading something.
  await new Promise((resolve) => setTimeout(resolve, THINK_MS * Math.random()));
  while (performance.now() < deadline) {
    const { course, module } = modules[(index + turn) % modules.length]!;
    const lesson = `/khoa-hoc/${course.slug}/${module.slug}`;
    if ((await send(base(), lesson, { cookie })).status !== 200) fail("lesson not shown");
    await pause();
    const started = await send(base(), lesson, { cookie, form: new URLSearchParams({ intent: "start-quiz" }) });
    const attemptId = /\/kiem-tra\/([^/?#]+)/.exec(started.headers.location ?? "")?.[1];
    if (!attemptId) {
      fail("quiz not started");
      continue;
    }
    // The learner answers the questions this attempt drew from the pool, as its page shows them.
    const quizPage = await send(base(), `/kiem-tra/${attemptId}`, { cookie });
    const drawn = new Set(Array.from(textOf(quizPage).matchAll(/name="q\.([a-z0-9-]+)"/g), (match) => match[1]));
    const answers = new URLSearchParams();
    for (const question of module.quiz.questions.filter((candidate) => drawn.has(candidate.id))) {
      for (const option of optionsOf(question).filter((candidate) => candidate.correct === (turn % 3 !== 0))) answers.append(`q.${question.id}`, option.id);
    }
    await pause();
    const submitted = await send(base(), `/kiem-tra/${attemptId}`, { cookie, form: answers });
    // A redirect to the result is the acknowledgement; a 400 (an unanswered question when every
    // option was correct) is an answered refusal, stored as nothing.
    if (submitted.status === 302) acknowledged.add(attemptId);
    else if (submitted.status !== 400) fail(`submission answered ${submitted.status}`);
    await pause();
  }
}

const caught = (error: unknown) => fail(error instanceof Error ? error.message : String(error));
// First everyone signs in, arriving over the ramp; then the timed run: all of them learning at once.
const cookies = await Promise.all(Array.from({ length: LEARNERS }, (_, index) => signIn(index).catch((error: unknown) => (caught(error), null))));
const began = performance.now();
const deadline = began + SECONDS * 1000;
await Promise.all(cookies.map((cookie, index) => (cookie ? learn(index, cookie, deadline).catch(caught) : undefined)));
const elapsed = (performance.now() - began) / 1000;

const stored = await prisma.quizAttempt.findMany({ where: { userId: { in: userIds }, submittedAt: { not: null } }, select: { id: true } });
const storedIds = new Set(stored.map((attempt) => attempt.id));
const lost = [...acknowledged].filter((id) => !storedIds.has(id)).length;
const unacknowledged = [...storedIds].filter((id) => !acknowledged.has(id)).length;

const percentiles = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? "-";
  return `p50 ${at(50)}, p95 ${at(95)}, p99 ${at(99)}`;
};
const database = onSqlite ? "SQLite" : "PostgreSQL";
console.log(machineSpeedLine());
console.log(
  `${database}, ${SERVERS} server(s) of ${Number(process.env.WEB_CONCURRENCY ?? 1)} process(es), ${LEARNERS} learners, ${elapsed.toFixed(1)} s (think ${THINK_MS} ms ±50%, ramp ${RAMP_MS / 1000} s)`,
);
for (const [kind, samples] of Object.entries(byKind)) console.log(kind, samples.length, percentiles(samples));
console.log(`sign-ins before the run: ${signInLatencies.length} over ${RAMP_MS / 1000} s`);
console.log(`requests in the run: ${latencies.length} (${(latencies.length / elapsed).toFixed(0)} req/s)`);
// Sign-in hashes a password (argon2, deliberately slow): measured in its own phase, reported apart.
console.log(`latency ms, lessons and quizzes: ${percentiles(latencies)}; sign-ins: ${percentiles(signInLatencies)}`);
console.log(`errors: ${errors.size === 0 ? 0 : JSON.stringify(Object.fromEntries(errors))}`);
console.log(`submissions acknowledged: ${acknowledged.size}; stored: ${storedIds.size}; lost: ${lost}; stored without acknowledgement: ${unacknowledged}`);
for (const server of servers) server.kill("SIGTERM");
await prisma.$disconnect();
process.exit(errors.size === 0 && lost === 0 && unacknowledged === 0 ? 0 : 1);
