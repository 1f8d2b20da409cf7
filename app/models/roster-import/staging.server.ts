import { bulkInsert } from "#app/utils/database-driver.server";

/** One planned row: line, action, entry id, name, folded name, phone, tax code, external id, was left, year of birth. */
export type StagedRow = [number, string, string, string, string, string | null, string | null, string | null, boolean, number | null];

const COLUMNS = ["jobId", "line", "action", "entryId", "name", "searchName", "phone", "taxCode", "externalId", "leftBefore", "birthYear"];

/**
 * Writes a job's planned rows into the staging table through the database driver (bulkInsert:
 * Prisma's bound parameters cost seconds per 100,000 rows), each row given its staged form as its
 * chunk is written. The staging table is not the roster: these rows count for nothing until the write.
 */
export async function insertStagedRows<T>(jobId: string, rows: readonly T[], toStaged: (row: T) => StagedRow, progress: (staged: number) => Promise<void>) {
  await bulkInsert("ImportRow", COLUMNS, rows, (row) => [jobId, ...toStaged(row)], progress);
}
