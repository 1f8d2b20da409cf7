import { randomInt } from "node:crypto";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

import { Prisma, PrismaClient } from "#app/generated/prisma/client";
import { type Prisma as PostgresPrisma, PrismaClient as PostgresPrismaClient } from "#app/generated/prisma-postgres/client";

import { databaseProvider, postgresPoolConfig } from "./database-url";
import { env } from "./env.server";

// DATABASE_URL chooses SQLite or PostgreSQL (docs/decisions/005-postgresql.md). Both clients are
// generated from the same datamodel and the models are written against the SQLite client's types.
// The PostgreSQL client accepts more (`mode: "insensitive"`, more isolation levels), so tsc will
// not assign it to the SQLite type, but every model's rows are the same type in both, checked here:
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Models = Prisma.TypeMap["model"];
type PostgresModels = PostgresPrisma.TypeMap["model"];
const _rowsAgree: { [K in keyof Models]: Same<Models[K]["payload"], K extends keyof PostgresModels ? PostgresModels[K]["payload"] : never> } & {
  [K in keyof PostgresModels]: K extends keyof Models ? true : false;
} = {} as { [K in keyof Models | keyof PostgresModels]: true };

/**
 * SQLite in write-ahead-log mode: readers do not wait for the writer, and a process killed
 * mid-write leaves the database as of its last commit (tests/e2e/crash-safety.spec.ts).
 * better-sqlite3 runs on the event loop, so a disk flush per commit (synchronous FULL) stalls every
 * request in the process: under the load test it took the p99 from under 400 ms to about 600 ms
 * (README). Hence NORMAL by default, which flushes at checkpoints; after a power cut (not a crash)
 * the last commits may be rolled back. SQLITE_SYNCHRONOUS=full trades that latency for durability.
 * journal_mode is stored in the file; the others hold for this connection. The import worker and
 * other processes write through connections of their own, so transactions begin IMMEDIATE
 * (patches/@prisma+adapter-better-sqlite3+*.patch): the write lock is taken, waiting out busy_timeout,
 * before a transaction reads, and its later write cannot fail on a snapshot another writer outdated.
 */
class SqliteInWalMode extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${env.SQLITE_SYNCHRONOUS.toUpperCase()}; PRAGMA busy_timeout = 5000;`);
    return adapter;
  }
}

function createClient(): PrismaClient {
  if (databaseProvider(env.DATABASE_URL) === "sqlite") {
    return new PrismaClient({ adapter: new SqliteInWalMode({ url: env.DATABASE_URL }) });
  }
  const { schema, ...poolConfig } = postgresPoolConfig(env.DATABASE_URL);
  return new PostgresPrismaClient({ adapter: new PrismaPg(poolConfig, { schema }) }) as unknown as PrismaClient;
}

// One client per process; `remix dev` re-evaluates modules on rebuild, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = (globalForPrisma.prisma ??= createClient());

/** A write refused by a unique index: two requests raced for one value, and the index decided. */
export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const BASE36_BLOCK = 36 ** 4;
const block = (value: number) => value.toString(36).padStart(4, "0");
const processBlock = block(randomInt(BASE36_BLOCK));
let counter = randomInt(BASE36_BLOCK);

/**
 * An id in the shape of the schema's cuid() ("c", time, counter, process, 8 random characters),
 * for rows that the hot paths insert by hand-written SQL rather than through the query builder.
 */
export function newId(now = Date.now()) {
  counter = (counter + 1) % BASE36_BLOCK;
  return `c${now.toString(36).padStart(8, "0")}${block(counter)}${processBlock}${block(randomInt(BASE36_BLOCK))}${block(randomInt(BASE36_BLOCK))}`;
}
