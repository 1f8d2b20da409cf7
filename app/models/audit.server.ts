import type { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";

type AuditInput = {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

/** Records an administrative change inside the transaction that makes it. */
export function audit(tx: Prisma.TransactionClient, entry: AuditInput) {
  const { details = {}, ...rest } = entry;
  return tx.auditEntry.create({ data: { ...rest, details: JSON.stringify(details) }, select: { id: true } });
}

/** The latest administrative changes, newest first, with who made them. */
export async function listAuditEntries(take = 100) {
  const entries = await prisma.auditEntry.findMany({
    select: { id: true, actorId: true, action: true, targetType: true, targetId: true, details: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take,
  });
  const actors = await prisma.user.findMany({
    where: { id: { in: [...new Set(entries.map((entry) => entry.actorId))] } },
    select: { id: true, fullName: true },
  });
  const names = new Map(actors.map((actor) => [actor.id, actor.fullName]));
  return entries.map((entry) => ({ ...entry, actor: names.get(entry.actorId) ?? entry.actorId }));
}
