import { prisma } from "#app/utils/db.server";

/** Wards in force today, in name order: the choices of every ward picker. */
export async function listWards(now = new Date()) {
  const wards = await prisma.adminUnit.findMany({
    where: { level: "ward", ...inForce(now) },
    select: { id: true, code: true, name: true },
  });
  // SQLite's binary order puts "Đồng Mai" after "Yết Kiêu"; sort the way Vietnamese readers expect.
  return wards.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

const VIETNAMESE_ORDER = new Intl.Collator("vi");

function inForce(now: Date) {
  return { validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gt: now } }] };
}

/** Units in force inside an administrator's scope (their own unit and everything beneath it). */
export async function listUnitsInScope(scopePath: string, now = new Date()) {
  const units = await prisma.adminUnit.findMany({
    where: { path: { startsWith: scopePath }, ...inForce(now) },
    select: { id: true, name: true, level: true },
  });
  return units.sort((a, b) => VIETNAMESE_ORDER.compare(a.name, b.name));
}

export function getUnitPath(unitId: string) {
  return prisma.adminUnit.findUniqueOrThrow({ where: { id: unitId }, select: { path: true } });
}

export function findWardInForce(unitId: string, now = new Date()) {
  return prisma.adminUnit.findFirst({
    where: { id: unitId, level: "ward", ...inForce(now) },
    select: { id: true, path: true },
  });
}

/**
 * A ward or other unit by its code, inside the administrator's scope: 403 when it exists
 * elsewhere (a ward admin following a link into another ward), 404 when no unit has that code.
 */
export async function requireUnitInScope(admin: { unitId: string }, code: string) {
  const [unit, scope] = await Promise.all([
    prisma.adminUnit.findUnique({ where: { code }, select: { id: true, name: true, path: true } }),
    getUnitPath(admin.unitId),
  ]);
  if (!unit) throw new Response("Not found", { status: 404 });
  if (!unit.path.startsWith(scope.path)) throw new Response("Forbidden", { status: 403 });
  return unit;
}

/** The wards an administrator may choose in a form: every ward in force inside their scope. */
export async function wardOptions(admin: { unitId: string }) {
  const wards = (await listUnitsInScope((await getUnitPath(admin.unitId)).path)).filter((unit) => unit.level === "ward");
  return wards.map((ward) => ({ value: ward.id, label: ward.name }));
}
