import type { PoolConfig } from "pg";

// DATABASE_URL chooses the database: `file:` is SQLite through better-sqlite3, `postgres://` or
// `postgresql://` is PostgreSQL through pg (docs/decisions/005-postgresql.md). Shared by the app
// (db.server.ts), the Prisma CLI (prisma.config.ts) and the test set-up.
type DatabaseProvider = "sqlite" | "postgresql";

export const DATABASE_URL_PATTERN = /^(file:|postgres(ql)?:\/\/)/;

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL), not ${url.split(":")[0]}:`);
}

/**
 * The pool's settings as separate fields, not a connection string: pg lets a connection string
 * override the fields, so a shadow database made from `{ ...config, database }` would connect to
 * the main one (../shared/STACK-NOTES.md).
 */
export function postgresPoolConfig(url: string): PoolConfig & { schema?: string } {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    schema: parsed.searchParams.get("schema") ?? undefined,
  };
}
