import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { databaseProvider } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";

// The migrations this build expects, read once per process: the folder is part of the release
// and does not change under a running server.
let expectedMigrations: string[] | undefined;
function migrationsOnDisk() {
  // The folder prisma.config.ts applies for this provider.
  const folder = databaseProvider(env.DATABASE_URL) === "sqlite" ? "prisma" : "prisma/postgres";
  const dir = path.join(process.cwd(), folder, "migrations");
  expectedMigrations ??= readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return expectedMigrations;
}

type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this process can serve: the database answers and holds every migration of this build.
 * Quoted identifiers and plain SQL keep it valid on SQLite and PostgreSQL alike.
 */
export async function checkReadiness(): Promise<Readiness> {
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, reason: "database unreachable" };
  }
  let applied: { migration_name: string }[];
  try {
    applied = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations"
      WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  } catch {
    return { ready: false, reason: "no migrations applied" };
  }
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  const missing = migrationsOnDisk().filter((name) => !appliedNames.has(name));
  if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(", ")}` };
  return { ready: true };
}
