import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { postgresPoolConfig } from "../app/utils/database-url";

// The Prisma CLI's PostgreSQL adapter (prisma.config.ts). The app's runtime queries need none of
// this; the schema engine does (../shared/STACK-NOTES.md, checked on PostgreSQL 15):
// 1. it reads the catalogues, whose `name` (OID 19) and `"char"` (18) columns the adapter cannot
//    decode: `migrate deploy` fails at once with "Column type 'name' could not be deserialized"
//    (https://github.com/prisma/prisma/issues/27403). Reported as text and text[] here.
// 2. the pool takes fields, not a connection string (postgresPoolConfig), so that a shadow
//    database made from the same settings is really another database;
// 3. the stock shadow release drops the database while its pool still holds connections; close
//    the pool first. `migrate deploy` uses no shadow database; `migrate dev` and
//    `migrate diff --from-migrations` would.
const AS_TEXT: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 };

/** A pool whose query results report the catalogue types as text. */
function catalogueTypesPool(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  const query = pool.query.bind(pool) as (config: unknown, values?: unknown) => Promise<pg.QueryResult>;
  // The adapter calls query({ text, values, rowMode, types }, values) or query(text).
  const patched = async (config: string | pg.QueryConfig, values?: unknown) => {
    if (typeof config === "string") return query(config, values);
    const inner = config.types?.getTypeParser ?? pg.types.getTypeParser;
    const getTypeParser = (oid: number, format?: "text" | "binary") => inner(AS_TEXT[oid] ?? oid, format);
    const result = await query({ ...config, types: { getTypeParser } }, values);
    for (const field of result.fields) field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  pool.query = patched as typeof pool.query;
  return pool;
}

class MigratePg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(catalogueTypesPool(poolConfig), { disposeExternalPool: true });
  }

  override async connectToShadowDb() {
    const main = new pg.Pool(this.poolConfig);
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.query(`CREATE DATABASE "${database}"`);
    const shadow = new MigratePg({ ...this.poolConfig, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await main.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.end();
    };
    return adapter;
  }
}

export function createMigratePgAdapter(url: string) {
  const { schema: _schema, ...poolConfig } = postgresPoolConfig(url);
  return new MigratePg(poolConfig);
}
