import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

// Applies the committed migrations to this run's fresh database file, and removes it afterwards.
export default function setup() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl?.startsWith("file:")) throw new Error("vitest.config.ts sets DATABASE_URL for the run");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });
  return () => {
    const file = databaseUrl.replace(/^file:/, "");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
  };
}
