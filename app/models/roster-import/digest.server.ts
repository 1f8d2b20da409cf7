import { createHash } from "node:crypto";

import { eachRow, storedDate } from "#app/utils/database-driver.server";

export type DigestedEntry = {
  id: string;
  name: string;
  phone: string | null;
  taxCode: string | null;
  externalId: string | null;
  birthYear: number | null;
  leftAt: Date | null;
  mergedIntoId: string | null;
};

/**
 * The ward and group's roster as far as an import's plan depends on it (keys, names, left
 * marks, merges), and a digest of it: the write compares digests and refuses a plan made on a
 * roster that has changed since, rather than write what the administrator did not see. The write
 * needs the digest only (`keepEntries` false): its entries are hashed one at a time and let go.
 * Read through the driver (100,000 entries through the query builder took a second or more, twice
 * per re-import). The write reads it inside its transaction's lock: on SQLite the transaction holds
 * the write lock from its start, so another connection sees exactly what it sees until it writes;
 * on PostgreSQL its statements see what is committed, as another connection's do.
 */
export async function rosterDigest(unitId: string, targetGroup: string, keepEntries = true) {
  const entries: DigestedEntry[] = [];
  const hash = createHash("sha256");
  await eachRow(
    `SELECT "id", "name", "phone", "taxCode", "externalId", "birthYear", "leftAt", "mergedIntoId" FROM "RosterEntry" WHERE "unitId" = ? AND "targetGroup" = ? ORDER BY "id"`,
    [unitId, targetGroup],
    (row) => {
      const [id, name, phone, taxCode, externalId, birthYear, leftAt, mergedIntoId] = row as [
        string,
        string,
        string | null,
        string | null,
        string | null,
        number | string | null,
        string | null,
        string | null,
      ];
      const entry: DigestedEntry = {
        id,
        name,
        phone,
        taxCode,
        externalId,
        birthYear: birthYear === null ? null : Number(birthYear),
        leftAt: leftAt === null ? null : storedDate(leftAt),
        mergedIntoId,
      };
      hash.update(
        `${entry.id}\t${entry.name}\t${entry.phone ?? ""}\t${entry.taxCode ?? ""}\t${entry.externalId ?? ""}\t${entry.birthYear ?? ""}\t${entry.leftAt?.toISOString() ?? ""}\t${entry.mergedIntoId ?? ""}\n`,
      );
      if (keepEntries) entries.push(entry);
    },
  );
  return { entries, digest: hash.digest("hex") };
}
