import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, users } from "../db/schema";
import { authSecret } from "../local-secrets";
import type { Actor } from "../services/context";

/**
 * "Sign in as a client" for support: a signed, short-lived cookie beside the admin's own session.
 * While it is valid, the actor resolver turns that admin into the client's user; the session itself
 * is never changed, so ending support (or the cookie running out) gives the admin back at once.
 */
export { SUPPORT_COOKIE } from "./support-cookie";
export const SUPPORT_MINUTES = 30;

export type SupportGrant = { adminUserId: number; clientUserId: number; clientId: number; exp: number };

const sign = (body: string) => createHmac("sha256", `support:${authSecret()}`).update(body).digest("base64url");

export function encodeSupportGrant(grant: SupportGrant): string {
  const body = Buffer.from(JSON.stringify(grant)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The grant in a cookie value, or null when it is forged, malformed or expired. */
export function decodeSupportGrant(value: string | undefined, now = Date.now()): SupportGrant | null {
  if (!value) return null;
  const [body, mac] = value.split(".");
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SupportGrant;
    if (![grant.adminUserId, grant.clientUserId, grant.clientId, grant.exp].every(Number.isInteger) || grant.exp <= now) return null;
    return grant;
  } catch {
    return null;
  }
}

/** The client actor an admin acts as, when the cookie's grant is for this admin and the client user may still sign in. */
export async function supportActor(conn: Conn, adminUserId: number, cookieValue: string | undefined): Promise<(Actor & { type: "user" }) | null> {
  const grant = decodeSupportGrant(cookieValue);
  if (!grant || grant.adminUserId !== adminUserId) return null;
  const [user] = await conn
    .select({ id: users.id, clientId: users.clientId })
    .from(users)
    .where(and(eq(users.id, grant.clientUserId), eq(users.role, "client"), eq(users.disabled, false), eq(users.clientId, grant.clientId)));
  if (!user) return null;
  return { type: "user", userId: user.id, role: "client", clientId: grant.clientId, supportAdminId: adminUserId };
}

/** Who the admin is helping, for the banner; null outside support. */
export async function supportClientName(conn: Conn, grant: SupportGrant | null): Promise<string | null> {
  if (!grant) return null;
  const [client] = await conn.select({ name: clients.name }).from(clients).where(eq(clients.id, grant.clientId));
  return client?.name ?? null;
}
