import { execFileSync } from "node:child_process";

// Drops the run's database once the server has stopped (Playwright stops it before this runs).
export default function teardown() {
  execFileSync("npx", ["tsx", "scripts/pg-database.ts", "drop", process.env.DATABASE_URL ?? ""], { stdio: "inherit" });
}
