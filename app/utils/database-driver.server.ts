import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";

import type { Prisma } from "#app/generated/prisma/client";

import { databaseProvider, postgresPoolConfig } from "./database-url";
import { prisma } from "./db.server";
import { env } from "./env.server";

/** A value as the database driver takes it; dates and booleans are encoded below as Prisma stores them. */
export type BulkValue = string | number | boolean | Date | null;

// Rows per SQLite transaction, and the most per PostgreSQL statement (which binds at most 65,535
// parameters: fewer rows when a table has many columns).
const CHUNK = 10_000;
const POSTGRES_PARAMETERS = 60_000;

// As @prisma/adapter-better-sqlite3 writes them: ISO text with "+00:00", booleans as 1 and 0.
const sqliteValue = (value: BulkValue) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : typeof value === "boolean" ? (value ? 1 : 0) : value);
// As @prisma/adapter-pg writes them: a UTC timestamp without a zone (the columns are timestamp(3)).
const postgresValue = (value: BulkValue) => (value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : value);

/** A PostgreSQL connection of its own for `work`, in the app's schema, closed afterwards. */
async function withPostgresClient(work: (client: pg.Client) => Promise<void>) {
  const { schema, ...config } = postgresPoolConfig(env.DATABASE_URL);
  const client = new pg.Client(config);
  await client.connect();
  try {
    if (schema) await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
    await work(client);
  } finally {
    await client.end();
  }
}

const sqliteFile = () => path.resolve(env.DATABASE_URL.replace(/^file:/, "").split("?")[0] ?? "");

let readConnection: Database.Database | undefined;
const readStatements = new Map<string, Database.Statement>();
const READ_STATEMENTS = 500;

/**
 * The rows of a hand-written read outside any transaction, for what every page reads (the session
 * lookup, a lesson's progress). On SQLite through a read-only driver connection the process keeps,
 * its statements prepared once: a Prisma raw query costs about 0.2 ms of CPU on the one event loop,
 * the driver 0.01 ms (issue 21). In WAL mode each statement sees every commit made before it,
 * the app's own included. On PostgreSQL through Prisma. Values as the driver gives them: on SQLite
 * dates are stored text (read them with `storedDate`) and booleans 0 or 1.
 */
export async function readRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  if (databaseProvider(env.DATABASE_URL) !== "sqlite") return prisma.$queryRaw<Row[]>(query);
  readConnection ??= new Database(sqliteFile(), { readonly: true });
  let statement = readStatements.get(query.sql);
  if (statement) readStatements.delete(query.sql);
  else statement = readConnection.prepare(query.sql);
  // Most recently used last; at most READ_STATEMENTS kept (IN lists of every length would otherwise grow it without end).
  readStatements.set(query.sql, statement);
  if (readStatements.size > READ_STATEMENTS) readStatements.delete(readStatements.keys().next().value!);
  return statement.all(...query.values.map((value) => sqliteValue(value as BulkValue))) as Row[];
}

/**
 * Runs one SELECT through the database driver on a connection of its own and hands each row to
 * `onRow` as an array of its columns, each as stored (SQLite) or as text (PostgreSQL; `storedDate`
 * reads the dates of both): the query builder costs about 10 µs per row, seconds for a roster of
 * 100,000. `sql` uses `?` placeholders on both databases.
 */
export async function eachRow(sql: string, parameters: readonly (string | number)[], onRow: (row: unknown[]) => void) {
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    const db = new Database(sqliteFile(), { readonly: true });
    try {
      for (const row of db
        .prepare(sql)
        .raw(true)
        .iterate(...parameters))
        onRow(row as unknown[]);
    } finally {
      db.close();
    }
    return;
  }
  await withPostgresClient(async (client) => {
    let index = 0;
    const result = await client.query({
      text: sql.replace(/\?/g, () => `$${++index}`),
      values: [...parameters],
      rowMode: "array",
      types: { getTypeParser: () => (text: string) => text },
    });
    for (const row of result.rows as unknown[][]) onRow(row);
  });
}

/**
 * Runs one statement that changes rows through the driver, on a connection of its own: for values
 * the query builder handles badly, such as an uploaded file (Prisma's client grew the server's
 * resident memory by some 140 MB writing a 9 MB Bytes value). `?` placeholders on both databases.
 */
export async function runStatement(sql: string, parameters: readonly (string | number | Uint8Array | null)[]) {
  const values = parameters.map((value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value));
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    const db = new Database(sqliteFile());
    try {
      db.pragma("busy_timeout = 5000");
      db.prepare(sql).run(...values);
    } finally {
      db.close();
    }
    return;
  }
  await withPostgresClient(async (client) => {
    let index = 0;
    await client.query(
      sql.replace(/\?/g, () => `$${++index}`),
      values,
    );
  });
}

/** A bytes column read by `eachRow`: a Buffer (SQLite), or `\x` and hexadecimal digits (PostgreSQL). */
export const storedBytes = (value: Buffer | string) => (typeof value === "string" ? Buffer.from(value.slice(2), "hex") : value);

/**
 * A date column as the driver gives it: ISO text with its offset (SQLite), a UTC timestamp without
 * a zone (PostgreSQL through `eachRow`), or a Date (PostgreSQL through `readRows`).
 */
export const storedDate = (value: Date | string) => (value instanceof Date ? value : new Date(value.includes("T") ? value : `${value.replace(" ", "T")}Z`));

/**
 * Inserts rows into one table through the database driver itself, on a connection of its own
 * closed afterwards. Prisma's query builder and raw queries cost about 0.1 ms per row in bound
 * parameters (14 s for 100,000 rows on a loaded machine), the driver a few microseconds. SQLite
 * writes each chunk of 10,000 rows in one transaction (begun IMMEDIATE, as every transaction of
 * the app), PostgreSQL in multi-row statements. `toRow` gives an item's values in the order of
 * `columns`, a chunk at a time, so that the driver's form of every row is never held at once.
 * `progress` is told how many rows are in after each chunk.
 */
export async function bulkInsert<T>(
  table: string,
  columns: readonly string[],
  items: readonly T[],
  toRow: (item: T) => BulkValue[],
  progress: (inserted: number) => Promise<void> = async () => {},
) {
  const names = columns.map((column) => `"${column}"`).join(", ");
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    const db = new Database(sqliteFile());
    try {
      db.pragma("busy_timeout = 5000");
      // Inserts only: SQLite's default page cache (16 MB with better-sqlite3) would be memory held for nothing.
      db.pragma("cache_size = -2000");
      const insert = db.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`);
      const insertChunk = db.transaction((chunk: readonly T[]) => {
        for (const item of chunk) insert.run(toRow(item).map(sqliteValue));
      });
      for (let start = 0; start < items.length; start += CHUNK) {
        insertChunk.immediate(items.slice(start, start + CHUNK));
        await progress(Math.min(items.length, start + CHUNK));
      }
    } finally {
      db.close();
    }
    return;
  }
  await withPostgresClient(async (client) => {
    const perStatement = Math.min(CHUNK, Math.floor(POSTGRES_PARAMETERS / columns.length));
    for (let start = 0; start < items.length; start += perStatement) {
      const chunk = items.slice(start, start + perStatement);
      const tuples = chunk.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(", ")})`);
      await client.query(
        `INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`,
        chunk.flatMap((item) => toRow(item).map(postgresValue)),
      );
      await progress(Math.min(items.length, start + perStatement));
    }
  });
}
