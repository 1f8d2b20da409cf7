// `npm run bench:profile`: where a server's CPU goes while it serves a signed-in lesson page under
// load. The server runs under `node --cpu-prof`; the samples of the load's window are grouped by
// the package their function belongs to (self time), as shares of busy (non-idle) time.
// Loopback only, bounded in time. Needs a build (`npm run build`).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { startBenchServer } from "./bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3210);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const profileDir = mkdtempSync(path.join(tmpdir(), "plte-profile-"));
const server = await startBenchServer({ port: PORT, databaseFile: "data/bench-profile.db", nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] });
const { lessonPath, learnerCookie: cookie } = server;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get() {
  return new Promise<number>((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port: PORT, path: lessonPath, agent, headers: { Cookie: cookie } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

// Warm up, then the measured window, then stop: the profile is written when the server exits,
// so the window is the last SECONDS of it.
for (let warm = 0; warm < 200; warm++) await get();
let served = 0;
const end = Date.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) if ((await get()) === 200) served++;
  }),
);
agent.destroy();
await server.stop();

type ProfileNode = { id: number; callFrame: { functionName: string; url: string } };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; endTime: number };
const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error("the server wrote no profile");
const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as Profile;
rmSync(profileDir, { recursive: true, force: true });

/** The package a function belongs to: an npm package, the app's build, Node itself, or V8's own work. */
function owner({ functionName, url }: ProfileNode["callFrame"]) {
  if (!url) return functionName === "(garbage collector)" ? "(garbage collection)" : functionName === "(idle)" ? "(idle)" : "(node and V8 internals)";
  if (url.startsWith("node:")) return "(node and V8 internals)";
  const inModules = url.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const [scope = "", name = ""] = url.slice(inModules + "node_modules/".length).split("/");
    return scope.startsWith("@") ? `${scope}/${name}` : scope;
  }
  if (url.includes("/build/") || url.includes("/app/")) return "app (build/index.js)";
  return path.basename(url);
}

const ownerOfNode = new Map(profile.nodes.map((node) => [node.id, owner(node.callFrame)]));
const functionOfNode = new Map(profile.nodes.map((node) => [node.id, `${node.callFrame.functionName || "(anonymous)"} (${owner(node.callFrame)})`]));
const functionMicroseconds = new Map<string, number>();
const windowStart = profile.endTime - SECONDS * 1_000_000;
const microseconds = new Map<string, number>();
let time = profile.endTime - profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
profile.samples.forEach((nodeId, index) => {
  time += profile.timeDeltas[index] ?? 0;
  if (time < windowStart) return;
  const who = ownerOfNode.get(nodeId) ?? "(unknown)";
  const spent = profile.timeDeltas[index + 1] ?? 0;
  microseconds.set(who, (microseconds.get(who) ?? 0) + spent);
  const fn = functionOfNode.get(nodeId) ?? "(unknown)";
  if (who !== "(idle)") functionMicroseconds.set(fn, (functionMicroseconds.get(fn) ?? 0) + spent);
});
const idle = microseconds.get("(idle)") ?? 0;
microseconds.delete("(idle)");
const busy = [...microseconds.values()].reduce((sum, value) => sum + value, 0);
const share = (who: string) => (100 * (microseconds.get(who) ?? 0)) / busy;
const prismaShare = [...microseconds.keys()].filter((who) => who.startsWith("@prisma/")).reduce((sum, who) => sum + share(who), 0);

console.log(`${lessonPath} (signed in): ${(served / SECONDS).toFixed(0)} req/s with ${CONCURRENCY} connections for ${SECONDS} s`);
console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${((busy + idle) / 1e6).toFixed(1)} s profiled (${((1e3 * busy) / 1e6 / Math.max(1, served)).toFixed(2)} ms of CPU per request)`);
for (const [who, spent] of [...microseconds].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${who.padEnd(40)} ${((100 * spent) / busy).toFixed(1).padStart(5)}% of busy time`);
}
console.log("busiest functions (self time):");
for (const [fn, spent] of [...functionMicroseconds].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${fn.slice(0, 70).padEnd(72)} ${((100 * spent) / busy).toFixed(1).padStart(5)}%`);
}
console.log(`profile: router ${share("@remix-run/router").toFixed(1)}%, app ${share("app (build/index.js)").toFixed(1)}%, prisma ${prismaShare.toFixed(1)}%`);
