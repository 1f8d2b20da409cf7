// Freezing a ward's figures for a reporting period, and the city reopening them.
import { randomUUID } from "node:crypto";

import type { ReportingPeriod } from "#app/content/programme.server";
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";

import { audit } from "../audit.server";
import { isInScope, scopeOn } from "../scope.server";

import { computeWardReport, findLatestSnapshot, parseSnapshot, type Snapshot, snapshotSelect } from "./snapshot.server";

export type WardInput = { id: string; path: string; code: string; name: string };

type FreezeResult = { ok: true; snapshot: Snapshot } | { ok: false; error: "not_ended" | "already_frozen" | "not_in_force" };

/**
 * Freezes a ward's figures for a reporting period (once it has ended): every indicator's figures,
 * the records counted, the period's activities and the previous period's adjustments, as one
 * snapshot that never changes. After a reopening, the next freeze is the next version.
 */
export async function freezeWardReport(admin: { id: string }, ward: WardInput, report: ReportingPeriod, now = new Date()): Promise<FreezeResult> {
  if (now <= report.end) return { ok: false, error: "not_ended" };
  const unit = await prisma.adminUnit.findFirst({
    where: { id: ward.id, level: "ward", validFrom: { lte: report.end }, OR: [{ validTo: null }, { validTo: { gt: report.end } }] },
    select: { id: true },
  });
  if (!unit) return { ok: false, error: "not_in_force" };
  const latest = await findLatestSnapshot(ward.id, report.code);
  if (latest && !latest.reopening) return { ok: false, error: "already_frozen" };

  const id = randomUUID();
  try {
    const computed = await computeWardReport(ward, report, id);
    const row = await prisma.$transaction(async (tx) => {
      const created = await tx.reportSnapshot.create({
        data: {
          id,
          reportPeriod: report.code,
          planPeriod: computed.plan.code,
          unitId: ward.id,
          unitCode: ward.code,
          unitName: ward.name,
          scope: "ward",
          version: (latest?.version ?? 0) + 1,
          figures: JSON.stringify(computed.figures),
          activities: JSON.stringify(computed.activities),
          adjustments: JSON.stringify(computed.adjustments),
          frozenById: admin.id,
        },
        select: snapshotSelect,
      });
      await audit(tx, {
        actorId: admin.id,
        action: "report.freeze",
        targetType: "report",
        targetId: id,
        details: { reportPeriod: report.code, unit: ward.code, version: created.version },
      });
      return created;
    });
    return { ok: true, snapshot: parseSnapshot(row) };
  } catch (error) {
    // Nothing half-saved: the staged records go (the triggers allow it while no snapshot row exists).
    await prisma.reportSnapshotEntry.deleteMany({ where: { snapshotId: id } });
    // Two freezes at once: the other one won, and its snapshot stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: "already_frozen" };
    throw error;
  }
}

type ReopenResult = { ok: true } | { ok: false; error: "not_found" | "not_frozen" };

/**
 * The city reopens a ward's frozen snapshot, with a reason: the snapshot stays, as a version; the
 * ward can then freeze the period again. Only a snapshot inside the city admin's scope.
 */
export async function reopenWardReport(admin: { id: string }, scopePath: string, snapshotId: string, reason: string): Promise<ReopenResult> {
  const snapshot = await prisma.reportSnapshot.findFirst({
    where: { id: snapshotId, scope: "ward" },
    select: { id: true, unitId: true, reportPeriod: true, version: true, unitCode: true, reopening: { select: { id: true } } },
  });
  if (!snapshot || !isInScope(await scopeOn(scopePath), snapshot.unitId)) return { ok: false, error: "not_found" };
  const latest = await prisma.reportSnapshot.findFirst({
    where: { unitId: snapshot.unitId, reportPeriod: snapshot.reportPeriod },
    select: { id: true },
    orderBy: { version: "desc" },
  });
  if (snapshot.reopening || latest?.id !== snapshot.id) return { ok: false, error: "not_frozen" };
  try {
    await prisma.$transaction(async (tx) => {
      await tx.reportReopening.create({ data: { snapshotId, reason, reopenedById: admin.id }, select: { id: true } });
      await audit(tx, {
        actorId: admin.id,
        action: "report.reopen",
        targetType: "report",
        targetId: snapshotId,
        details: { reportPeriod: snapshot.reportPeriod, unit: snapshot.unitCode, version: snapshot.version, reason },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: "not_frozen" };
    throw error;
  }
  return { ok: true };
}

/**
 * Where every ward of a scope stands for a period (the wards in force on its last day), and the
 * scope's consolidated snapshot if any. Reads snapshot rows only.
 */
