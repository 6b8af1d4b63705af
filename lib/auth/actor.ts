import { cache } from "react";
import { eq } from "drizzle-orm";
import { getDatabase } from "../db";
import { users, type Role } from "../db/schema";
import type { Actor } from "../services/context";
import { auth } from "./index";
import { supportActorOf } from "./support-actor";

/**
 * The actor behind the current request. The role and client come from the users table, not only
 * from the session token, so a disabled user or a changed role takes effect at once.
 */
export const sessionActor = cache(async (): Promise<Actor> => {
  const session = await auth();
  const userId = Number(session?.user?.id);
  if (!Number.isInteger(userId) || userId <= 0) return { type: "anonymous" };
  const { db } = await getDatabase();
  const [user] = await db
    .select({ role: users.role, clientId: users.clientId, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabled) return { type: "anonymous" };
  return { type: "user", userId, role: user.role, clientId: user.clientId };
});

/**
 * The actor of this request: the session's user, or, for an admin signed in as a client for
 * support (a signed support cookie, lib/auth/support-session.ts), that client's user.
 */
export const currentActor = cache(async (): Promise<Actor> => {
  const actor = await sessionActor();
  if (actor.type !== "user" || actor.role !== "admin") return actor;
  return (await supportActorOf(actor.userId)) ?? actor;
});

const homes: Record<Role, string> = { client: "/account", staff: "/board", admin: "/admin" };

export function homeFor(role: Role): string {
  return homes[role];
}
