import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

import { databaseProvider } from "./app/utils/database-url";
import { createMigratePgAdapter } from "./prisma/postgres-migrate-adapter";

// The CLI does not read .env when a config file exists, so the default lives here too.
process.env.DATABASE_URL ??= "file:./data/app.db";
// Every Prisma command of the project reads this file before the CLI's update check, which would
// otherwise call checkpoint.prisma.io: the app makes no outbound call.
process.env.CHECKPOINT_DISABLE = "1";
const databaseUrl = process.env.DATABASE_URL;
// DATABASE_URL chooses the database, and with it the schema and migrations folder: prisma/ for
// SQLite, prisma/postgres/ (generated from prisma/ by `npm run db:schemas`) for PostgreSQL.
const provider = databaseProvider(databaseUrl);
const folder = provider === "sqlite" ? "prisma" : "prisma/postgres";

// engine "js" runs the WASM schema engine through the driver adapter, so `generate` and
// `migrate deploy` never download an engine binary (they could not, offline).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations` },
  async adapter() {
    return provider === "sqlite" ? new PrismaBetterSQLite3({ url: databaseUrl }) : createMigratePgAdapter(databaseUrl);
  },
});
