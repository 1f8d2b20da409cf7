import type { Prisma } from "#app/generated/prisma/client";

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
