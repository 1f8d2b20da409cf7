// `npm run bench:lesson`: requests per second for a signed-in lesson page against a trivial page
// in the same server and the same run, printed with their ratio.
// Target (issue 21, was 0.50 in issue 3): the lesson page serves at least 0.7 of the trivial route's throughput.
// Loopback only, bounded in time. Needs a build (`npm run build`).
import http from "node:http";

import { startBenchServer } from "./bench-server";
import { machineSpeedLine } from "./machine-speed";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const server = await startBenchServer({ port: PORT, databaseFile: "data/bench.db" });
const { lessonPath, learnerCookie: cookie } = server;

// The trivial route is a page like any other (document, layout, root loader) that does no work
// of its own: the sign-in page, asked for by an anonymous visitor. /healthz (no page at all) is
// printed for reference.
const TRIVIAL_PAGE = "/dang-nhap";

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(path: string, signedIn: boolean) {
  return new Promise<number>((resolve, reject) => {
    const headers = signedIn ? { Cookie: cookie } : {};
    const request = http.get({ host: "127.0.0.1", port: PORT, path, agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

async function measure(path: string, signedIn: boolean) {
  const status = await get(path, signedIn);
  if (status !== 200) throw new Error(`${path} answered ${status}`);
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const code = await get(path, signedIn);
        latencies.push(performance.now() - started);
        if (code !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
  const rps = latencies.length / SECONDS;
  const who = signedIn ? "signed in" : "anonymous";
  console.log(`${`${path} (${who})`.padEnd(48)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  errors ${errors}`);
  return rps;
}

try {
  console.log(`${SECONDS} s each, ${CONCURRENCY} concurrent connections, one server (WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? 1}) on 127.0.0.1:${PORT}`);
  await measure(TRIVIAL_PAGE, false); // warm-up
  await measure("/healthz", false);
  const trivial = await measure(TRIVIAL_PAGE, false);
  const lesson = await measure(lessonPath, true);
  const ratio = lesson / trivial;
  console.log(machineSpeedLine());
  console.log(`ratio lesson/trivial page: ${ratio.toFixed(2)} (target >= 0.70: ${ratio >= 0.7 ? "met" : "NOT met"})`);
} finally {
  agent.destroy();
  await server.stop();
}
