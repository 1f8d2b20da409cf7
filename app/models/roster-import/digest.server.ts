import { createHash } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";

export type DigestedEntry = { id: string; name: string; phone: string | null; taxCode: string | null; externalId: string | null; birthYear: number | null; leftAt: Date | null };

/**
 * The ward and group's roster as far as an import's plan depends on it (keys, names, left
 * marks), and a digest of it: the write compares digests and refuses a plan made on a roster
 * that has changed since, rather than write what the administrator did not see.
 */
export async function rosterDigest(db: Prisma.TransactionClient, unitId: string, targetGroup: string) {
  const entries = await db.rosterEntry.findMany({
    where: { unitId, targetGroup },
    select: { id: true, name: true, phone: true, taxCode: true, externalId: true, birthYear: true, leftAt: true },
    orderBy: { id: "asc" },
  });
  const hash = createHash("sha256");
  for (const entry of entries)
    hash.update(
      `${entry.id}\t${entry.name}\t${entry.phone ?? ""}\t${entry.taxCode ?? ""}\t${entry.externalId ?? ""}\t${entry.birthYear ?? ""}\t${entry.leftAt?.toISOString() ?? ""}\n`,
    );
  return { entries, digest: hash.digest("hex") };
}
