import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The CLI does not read .env when a config file exists, so the default lives here too.
process.env.DATABASE_URL ??= "file:./data/app.db";
const databaseUrl = process.env.DATABASE_URL;

// engine "js" runs the WASM schema engine through the driver adapter, so `generate` and
// `migrate deploy` never download an engine binary (they could not, offline).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl });
  },
});
