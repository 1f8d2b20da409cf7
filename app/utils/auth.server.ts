// Every use of Lucia and of password hashing lives here, so either can be replaced without
// touching routes (Lucia v3 is no longer maintained upstream).
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from "lucia";

import { Prisma } from "#app/generated/prisma/client";

import { readRows, storedDate } from "./database-driver.server";
import { prisma } from "./db.server";
import { secureCookies } from "./env.server";
import { forbidden } from "./http.server";
import { oncePerRequest } from "./request-scope.server";
import { parseRole, type Role } from "./roles";

type SessionRow = {
  id: string;
  userId: string;
  expiresAt: Date | string;
  fullName: string;
  role: string;
  unitId: string;
  unitPath: string;
  targetGroup: string | null;
  organisationId: string | null;
};

function toDatabaseSession(row: { id: string; userId: string; expiresAt: Date }): DatabaseSession {
  return { id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} };
}

const sessionAdapter: Adapter = {
  // Every signed-in request runs this lookup, so it is one hand-written join, read through the
  // driver on SQLite (readRows: 0.01 ms of CPU, against 0.2 ms as a Prisma raw query and 0.6 ms
  // through the query builder). Quoted names keep it
  // valid SQL on PostgreSQL too. The unit's path comes along because an administrator's scope is
  // every unit whose path starts with it: routes and models read it here instead of looking it up.
  // The organisation comes along for the root loader's "Chứng nhận cơ sở" link, which every page shows.
  async getSessionAndUser(sessionId) {
    const rows = await readRows<SessionRow>(Prisma.sql`
      SELECT s."id", s."userId", s."expiresAt", u."fullName", u."role", u."unitId", a."path" AS "unitPath", u."targetGroup", u."organisationId"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId" JOIN "AdminUnit" a ON a."id" = u."unitId"
      WHERE s."id" = ${sessionId}`);
    const row = rows[0];
    if (!row) return [null, null];
    const { fullName, role, unitId, unitPath, targetGroup, organisationId } = row;
    return [toDatabaseSession({ ...row, expiresAt: storedDate(row.expiresAt) }), { id: row.userId, attributes: { fullName, role, unitId, unitPath, targetGroup, organisationId } }];
  },
  async getUserSessions(userId) {
    const sessions = await prisma.session.findMany({ where: { userId }, select: { id: true, userId: true, expiresAt: true } });
    return sessions.map(toDatabaseSession);
  },
  async setSession(session) {
    await prisma.session.create({ data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt }, select: { id: true } });
  },
  // Lucia extends a session, or deletes an expired one, while validating it on any page: by hand too.
  async updateSessionExpiration(sessionId, expiresAt) {
    await prisma.$executeRaw`UPDATE "Session" SET "expiresAt" = ${expiresAt} WHERE "id" = ${sessionId}`;
  },
  async deleteSession(sessionId) {
    await prisma.$executeRaw`DELETE FROM "Session" WHERE "id" = ${sessionId}`;
  },
  async deleteUserSessions(userId) {
    await prisma.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};

export const lucia = new Lucia(sessionAdapter, {
  // Lucia refreshes a session used in the second half of its life (session.fresh).
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "session",
    attributes: { secure: secureCookies, sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    fullName: attributes.fullName,
    role: parseRole(attributes.role),
    unitId: attributes.unitId,
    unitPath: attributes.unitPath,
    targetGroup: attributes.targetGroup,
    organisationId: attributes.organisationId,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      fullName: string;
      role: string;
      unitId: string;
      unitPath: string;
      targetGroup: string | null;
      organisationId: string | null;
    };
  }
}

export type SessionUser = {
  id: string;
  fullName: string;
  role: Role;
  unitId: string;
  /** The path of the user's unit: an administrator's scope is every unit whose path starts with it. */
  unitPath: string;
  targetGroup: string | null;
  /** As of this request: a member of an organisation (or the one who registered it). */
  organisationId: string | null;
};

// OWASP's argon2id baseline: 19 MiB, 2 passes.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string) {
  return verify(passwordHash, password);
}

type SessionState = {
  user: SessionUser | null;
  /** A Set-Cookie value to send back: a refreshed or a cleared session cookie. */
  cookie: string | null;
};

const SESSION_STATE = Symbol("session state");

// Validated once per HTTP request, whichever of the page's loaders asks first. No action ends the
// signed-in user's own session and then lets loaders run in the same request: it redirects.
export function getSessionState(request: Request): Promise<SessionState> {
  return oncePerRequest(SESSION_STATE, () => readSession(request));
}

// Lucia's ids are lower-case base32; anything else in the cookie cannot name a session.
const SESSION_ID = /^[a-z0-9]{1,255}$/;

/**
 * The session id in the Cookie header. Not `lucia.readSessionCookie`: it decodes every cookie and
 * throws on a malformed one ("lang=%ZZ"), which another app on the same host can plant (cookies
 * are not isolated by port).
 */
function readSessionId(request: Request) {
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== lucia.sessionCookieName) continue;
    const value = pair.slice(separator + 1).trim();
    return SESSION_ID.test(value) ? value : null;
  }
  return null;
}

/**
 * Whether the request says it is signed in. Its answer may hold personal data then, and must not
 * stay in a browser's or a proxy's cache (a ward office's shared computer).
 */
export function carriesSession(request: Request) {
  return readSessionId(request) !== null;
}

async function readSession(request: Request): Promise<SessionState> {
  const sessionId = readSessionId(request);
  if (!sessionId) return { user: null, cookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, cookie: lucia.createBlankSessionCookie().serialize() };
  const cookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : null;
  return { user, cookie };
}

export async function getUser(request: Request) {
  return (await getSessionState(request)).user;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/dang-nhap?${params}`);
}

export type AdminUser = SessionUser & { role: "ward_admin" | "district_admin" };

function isAdmin(user: SessionUser): user is AdminUser {
  return user.role === "ward_admin" || user.role === "district_admin";
}

/** The signed-in administrator; a learner gets 403. */
export async function requireAdmin(request: Request): Promise<AdminUser> {
  const user = await requireUser(request);
  if (!isAdmin(user)) throw forbidden();
  return user;
}

/** Starts a session and returns the Set-Cookie header value for it. */
export async function startSession(userId: string) {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends the request's session, if any, and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request) {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** After a password change every other device is signed out; this one gets a new session. */
export async function restartSessions(userId: string) {
  await lucia.invalidateUserSessions(userId);
  return startSession(userId);
}
