import { z } from "zod";

import type { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import { decodeJsonColumn } from "#app/utils/json-column";

import { isInScope, scopeOn, unitInScope } from "./scope.server";

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

/** What an entry's target is called, and for a training session where and when it was held. */
export type AuditTarget = { name: string | null; heldOn?: Date | null; place?: string | null };

const DETAILS_SCHEMA = z.record(z.unknown());

// Details name people and units by id; these keys hold one, by the kind of record it points to.
const ROSTER_KEYS = ["rosterEntryId", "mergedId"];
const UNIT_KEYS = ["unitId", "from", "to", "ward"];

/**
 * The latest administrative changes, newest first, with who made them and the names of what they
 * changed: the people, training sessions, units and organisations their ids point to, when these
 * are in the reader's scope (`scopePath`); outside it, an entry names no one but the official.
 */
export async function listAuditEntries(scopePath: string, take = 100) {
  const rows = await prisma.auditEntry.findMany({
    select: { id: true, actorId: true, action: true, targetType: true, targetId: true, details: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take,
  });
  const entries = rows.map((row) => ({ ...row, details: decodeJsonColumn(row.details, DETAILS_SCHEMA) ?? {} }));
  const ids = { actor: new Set<string>(), user: new Set<string>(), roster: new Set<string>(), session: new Set<string>(), unit: new Set<string>(), unitCode: new Set<string>() };
  const applications = new Set<string>();
  const certificates = new Set<string>();
  for (const entry of entries) {
    ids.actor.add(entry.actorId);
    if (entry.targetType === "user") ids.user.add(entry.targetId);
    if (entry.targetType === "rosterEntry") ids.roster.add(entry.targetId);
    if (entry.targetType === "trainingSession") ids.session.add(entry.targetId);
    if (entry.targetType === "unit") ids.unit.add(entry.targetId);
    if (entry.targetType === "certification") applications.add(entry.targetId);
    if (entry.targetType === "certificate") certificates.add(entry.targetId);
    if (entry.targetType === "report" && typeof entry.details.unit === "string") ids.unitCode.add(entry.details.unit);
    for (const value of referencedIds(entry.details, ROSTER_KEYS)) ids.roster.add(value);
    for (const value of referencedIds(entry.details, UNIT_KEYS)) ids.unit.add(value);
  }
  const scope = await scopeOn(scopePath);
  const inScope = unitInScope(scope);
  const [actors, users, roster, sessions, units, unitsByCode, applicationRows, certificateRows] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...ids.actor] } }, select: { id: true, fullName: true } }),
    prisma.user.findMany({ where: { id: { in: [...ids.user] }, ...inScope }, select: { id: true, fullName: true } }),
    prisma.rosterEntry.findMany({ where: { id: { in: [...ids.roster] }, ...inScope }, select: { id: true, name: true } }),
    prisma.trainingSession.findMany({ where: { id: { in: [...ids.session] }, ...inScope }, select: { id: true, place: true, heldOn: true } }),
    prisma.adminUnit.findMany({ where: { id: { in: [...ids.unit].filter((id) => isInScope(scope, id)) } }, select: { id: true, name: true } }),
    prisma.adminUnit.findMany({ where: { code: { in: [...ids.unitCode] }, id: { in: scope.unitIds } }, select: { code: true, name: true } }),
    prisma.certificationApplication.findMany({ where: { id: { in: [...applications] }, ...inScope }, select: { id: true, organisation: { select: { name: true } } } }),
    prisma.certificate.findMany({ where: { id: { in: [...certificates] }, ...inScope }, select: { id: true, holderName: true } }),
  ]);
  const names = new Map<string, string>([
    ...[...actors, ...users].filter((user) => user.fullName).map((user) => [user.id, user.fullName] as const),
    ...roster.map((entry) => [entry.id, entry.name] as const),
    ...units.map((unit) => [unit.id, unit.name] as const),
    ...unitsByCode.map((unit) => [unit.code, unit.name] as const),
    ...applicationRows.map((application) => [application.id, application.organisation.name] as const),
    ...certificateRows.map((certificate) => [certificate.id, certificate.holderName] as const),
  ]);
  const sessionsById = new Map(sessions.map((session) => [session.id, session]));
  return entries.map((entry) => ({
    id: entry.id,
    action: entry.action,
    createdAt: entry.createdAt,
    actor: names.get(entry.actorId) ?? null,
    target: targetOf(entry, names, sessionsById),
    details: entry.details,
    /** Names of the records the details point to, by id (or by unit code) */
    names: Object.fromEntries([...referencedIds(entry.details, [...ROSTER_KEYS, ...UNIT_KEYS])].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
  }));
}

export type ListedAuditEntry = Awaited<ReturnType<typeof listAuditEntries>>[number];

function targetOf(
  entry: { targetType: string; targetId: string; details: Record<string, unknown> },
  names: Map<string, string>,
  sessions: Map<string, { place: string; heldOn: Date }>,
): AuditTarget {
  if (entry.targetType === "trainingSession") {
    // A deleted session is gone from the table; its entry kept where and when it was held.
    const session = sessions.get(entry.targetId);
    const heldOn = session?.heldOn ?? (typeof entry.details.heldOn === "string" ? new Date(entry.details.heldOn) : null);
    const place = session?.place ?? (typeof entry.details.place === "string" ? entry.details.place : null);
    return { name: place, heldOn, place };
  }
  if (entry.targetType === "report") return { name: typeof entry.details.unit === "string" ? (names.get(entry.details.unit) ?? entry.details.unit) : null };
  if (entry.targetType === "list") return { name: entry.targetId };
  return { name: names.get(entry.targetId) ?? null };
}

/** The ids under the given keys, at the top of the details or one level down ({ from: { unitId } }). */
function referencedIds(details: Record<string, unknown>, keys: string[]) {
  const found = new Set<string>();
  const visit = (object: Record<string, unknown>, depth: number) => {
    for (const [key, value] of Object.entries(object)) {
      if (keys.includes(key) && typeof value === "string") found.add(value);
      else if (depth === 0 && value && typeof value === "object" && !Array.isArray(value)) visit(value as Record<string, unknown>, 1);
    }
  };
  visit(details, 0);
  return found;
}
