// `tsx scripts/pg-database.ts recreate|drop <postgres URL>`: (re)makes or removes the database the
// URL names, connecting to the server's `postgres` database. For test runs on PostgreSQL.
import pg from "pg";

import { postgresPoolConfig } from "#app/utils/database-url";

const [action, url] = process.argv.slice(2);
if ((action !== "recreate" && action !== "drop") || !url) {
  console.error("usage: tsx scripts/pg-database.ts recreate|drop <postgres URL>");
  process.exit(2);
}
const { schema: _schema, database, ...server } = postgresPoolConfig(url);
if (!database || database === "postgres") throw new Error(`not a database of its own: ${url}`);
const client = new pg.Client({ ...server, database: "postgres" });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  if (action === "recreate") await client.query(`CREATE DATABASE "${database}"`);
} finally {
  await client.end();
}
