import { createHash } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";

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

// Entries read per query: the whole roster through the query builder at once took some
// 100 MB for a moment per 100,000 entries, more than an import may take.
const PAGE = 10_000;

/**
 * The ward and group's roster as far as an import's plan depends on it (keys, names, left
 * marks, merges), and a digest of it: the write compares digests and refuses a plan made on a
 * roster that has changed since, rather than write what the administrator did not see. The write
 * needs the digest only (`keepEntries` false): its entries are hashed a page at a time and let go.
 */
export async function rosterDigest(db: Prisma.TransactionClient, unitId: string, targetGroup: string, keepEntries = true) {
  const entries: DigestedEntry[] = [];
  const hash = createHash("sha256");
  for (let after = ""; ;) {
    const page = await db.rosterEntry.findMany({
      where: { unitId, targetGroup, id: { gt: after } },
      select: { id: true, name: true, phone: true, taxCode: true, externalId: true, birthYear: true, leftAt: true, mergedIntoId: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const entry of page) {
      hash.update(
        `${entry.id}\t${entry.name}\t${entry.phone ?? ""}\t${entry.taxCode ?? ""}\t${entry.externalId ?? ""}\t${entry.birthYear ?? ""}\t${entry.leftAt?.toISOString() ?? ""}\t${entry.mergedIntoId ?? ""}\n`,
      );
      if (keepEntries) entries.push(entry);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  return { entries, digest: hash.digest("hex") };
}
