import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

import pg from "pg";

import { databaseProvider, postgresPoolConfig } from "#app/utils/database-url";

// Makes this run's fresh database from the committed migrations, and removes it afterwards: a
// SQLite file, or a database of its own on the PostgreSQL server of TEST_POSTGRES_URL.
export default async function setup() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("vitest.config.ts sets DATABASE_URL for the run");
  const migrate = () => execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });
  if (databaseProvider(databaseUrl) === "sqlite") {
    migrate();
    return () => {
      const file = databaseUrl.replace(/^file:/, "");
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    };
  }
  const { schema: _schema, database, ...server } = postgresPoolConfig(databaseUrl);
  const { database: serverDatabase } = postgresPoolConfig(process.env.TEST_POSTGRES_URL ?? databaseUrl);
  const admin = async (sql: string) => {
    const client = new pg.Client({ ...server, database: serverDatabase ?? "postgres" });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${database}"`);
  migrate();
  return () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
