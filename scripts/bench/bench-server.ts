// What the benchmarks share: a fresh SQLite file, and the built server started on one through
// `npm start`'s script with the demo data, with a session cookie of the demo household learner.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";

/** The built server on a loopback port and a fresh SQLite file with the demo data. */
export async function startBenchServer({ port, databaseFile, nodeArgs = [] }: { port: number; databaseFile: string; nodeArgs?: string[] }) {
  const DATABASE_URL = `file:./${databaseFile}`;
  // The app's modules imported below read DATABASE_URL when they load.
  process.env.DATABASE_URL = DATABASE_URL;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  const server = spawn("node", [...nodeArgs, "scripts/start.js"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL, NODE_ENV: "production", COOKIE_SECURE: "false", DEMO_DATA: "on" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    server.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes('"msg":"listening"')) resolve();
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });

  const { startSession } = await import("#app/utils/auth.server");
  const { prisma } = await import("#app/utils/db.server");
  const { getCatalogue } = await import("#app/content/catalogue.server");
  const learner = await prisma.user.findUniqueOrThrow({ where: { phone: "+84901000003" }, select: { id: true } });
  const learnerCookie = (await startSession(learner.id)).split(";")[0] ?? "";
  const course = (await getCatalogue()).courses[0];
  const module = course?.modules[0];
  if (!course || !module) throw new Error("no content to benchmark");

  return {
    /** The server's process (scripts/start.js imports server.js into itself). */
    pid: server.pid!,
    learnerCookie,
    lessonPath: `/khoa-hoc/${course.slug}/${module.slug}`,
    /** Stops the server and waits for it to exit (a --cpu-prof profile is written by then). */
    async stop() {
      server.kill("SIGTERM");
      await exited;
      await prisma.$disconnect();
    },
  };
}

/** A fresh SQLite file for a benchmark that works on the database in its own process: migrated, with the units seeded. */
export function freshBenchDatabase(databaseFile: string) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  process.env.DATABASE_URL = `file:./${databaseFile}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: { ...process.env, DEMO_DATA: "off" }, stdio: "ignore" });
}

/**
 * Requests `/` and the server's signed-in lesson page one after the other until stopped: what the
 * site's other users would see while a benchmark's long job runs. `pauseMs` between rounds.
 */
export function startProber(base: string, server: { lessonPath: string; learnerCookie: string }, pauseMs = 0) {
  const latencies: number[] = [];
  let errors = 0;
  let probing = true;
  const rounds = (async () => {
    while (probing) {
      for (const [path, cookie] of [
        ["/", ""],
        [server.lessonPath, server.learnerCookie],
      ] as const) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} }).catch(() => null);
        if (response?.ok) latencies.push(performance.now() - started);
        else errors++;
        await response?.arrayBuffer().catch(() => errors++);
      }
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    /** Ends the probing; the latencies of the answered requests, in order, and the failures. */
    async stop() {
      probing = false;
      await rounds;
      return { latencies, errors };
    },
  };
}
