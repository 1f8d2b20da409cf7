// `npm start`: build when the sources are newer than the build, apply migrations, seed the
// reference data (and demo data unless DEMO_DATA=off), then serve. `--dev` serves with rebuilds.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
process.env.DATABASE_URL ??= "file:./data/app.db";
process.env.NODE_ENV ??= dev ? "development" : "production";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  if (!existsSync("build/index.js") || !existsSync("app/generated/prisma") || !existsSync("app/generated/prisma-postgres")) return true;
  const built = statSync("build/index.js").mtimeMs;
  return ["app", "prisma"].some((dir) => newestChange(dir) > built);
}

// A SQLite file's folder must exist; a PostgreSQL database (postgres:// URL) must exist already.
if (process.env.DATABASE_URL.startsWith("file:")) {
  mkdirSync(path.dirname(process.env.DATABASE_URL.replace(/^file:/, "")), { recursive: true });
}

if (!dev && buildIsStale()) run("npm", ["run", "build"]);
if (dev) run("npm", ["run", "-s", "db:generate"]);
run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "prisma/seed.ts"]);

if (dev) {
  const child = spawn("npx", ["remix", "dev", "--manual", "-c", "node --watch-path ./build/index.js server.js"], {
    stdio: "inherit",
    env: process.env,
  });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  await import("../server.js");
}
