import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Conn } from "../db";
import { sessions, users } from "../db/schema";
import type { Role } from "../vocabulary";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A new session row for a user who just signed in; its id goes into the token. */
export async function createSession(conn: Conn, userId: number, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await conn.insert(sessions).values({ id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

export type LiveSession = { userId: number; role: Role; clientId: number | null; email: string; name: string };

/** The session's user, read fresh, while the session is neither revoked nor expired and the user enabled. */
export async function readSession(conn: Conn, id: string, now = new Date()): Promise<LiveSession | null> {
  const [row] = await conn
    .select({ userId: users.id, role: users.role, clientId: users.clientId, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  return row ?? null;
}

export async function revokeSession(conn: Conn, id: string, now = new Date()): Promise<void> {
  await conn.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Ends every session of a user, or every one but `keep` (the browser that changed the password). */
export async function revokeUserSessions(conn: Conn, userId: number, now = new Date(), keep?: string): Promise<number> {
  const rows = await conn
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}
