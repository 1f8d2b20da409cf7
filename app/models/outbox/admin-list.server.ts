// The admins' view of the outbox (/quan-tri/tin-nhan): a ward's messages by status, with what
// happened to each, scoped by the one scope rule on OutboxMessage.unitId.
import type { Prisma } from "#app/generated/prisma/client";
import { scopeOn, unitInScope } from "#app/models/scope.server";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { pageCount, pageOf } from "#app/utils/list-query";
import { maskPhone } from "#app/utils/phone";

import { OUTBOX_STATUSES, type OutboxStatus } from "./types";

const PAGE_SIZE = 50;

/**
 * The messages an administrator sees: those about a unit in their scope. Messages about no ward
 * (unitId null) are the city's: only an admin of a unit at the top of the tree sees them.
 */
export async function outboxInScope(admin: Pick<AdminUser, "unitPath">): Promise<Prisma.OutboxMessageWhereInput> {
  const scope = await scopeOn(admin.unitPath);
  const atTheTop = admin.unitPath.split("/").filter(Boolean).length === 1;
  return atTheTop ? { OR: [unitInScope(scope), { unitId: null }] } : unitInScope(scope);
}

/** An address as lists show it: "0901 *** 003", "b***@example.vn". */
export function maskAddress(address: string) {
  if (address.startsWith("+")) return maskPhone(address);
  const [local = "", domain = ""] = address.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

/** The counts of each status, and one page of the messages of one status (queued: the next to go first; the others: the latest first). */
export async function listOutboxMessages(admin: Pick<AdminUser, "unitPath">, { status, page }: { status: OutboxStatus; page: number }) {
  const inScope = await outboxInScope(admin);
  const where = { AND: [inScope, { status }] };
  const [grouped, total, messages] = await Promise.all([
    prisma.outboxMessage.groupBy({ by: ["status"], where: inScope, _count: { _all: true } }),
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.findMany({
      where,
      select: {
        id: true,
        recipientAddress: true,
        channel: true,
        templateKey: true,
        locale: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        reason: true,
        sentAt: true,
        createdAt: true,
        unitId: true,
      },
      orderBy: status === "queued" ? [{ nextAttemptAt: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
      ...pageOf(page, PAGE_SIZE),
    }),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((candidate) => [candidate, 0])) as Record<OutboxStatus, number>;
  for (const row of grouped) if (row.status in counts) counts[row.status as OutboxStatus] = row._count._all;
  const unitIds = [...new Set(messages.flatMap((message) => (message.unitId ? [message.unitId] : [])))];
  const units = new Map((await prisma.adminUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })).map((unit) => [unit.id, unit.name]));
  return {
    counts,
    total,
    pageCount: pageCount(total, PAGE_SIZE),
    messages: messages.map(({ recipientAddress, unitId, ...message }) => ({
      ...message,
      recipient: maskAddress(recipientAddress),
      ward: unitId ? (units.get(unitId) ?? null) : null,
    })),
  };
}
