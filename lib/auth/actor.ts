import { cache } from "react";
import type { Role } from "../vocabulary";
import type { Actor } from "../services/context";
import { auth } from "./index";
import { supportActorOf } from "./support-actor";

/**
 * The actor behind the current request. Reading the session checks its row in the database (the
 * Auth.js jwt callback), with the user's role, client and disabled flag read fresh, so a sign-out,
 * a disabled user or a changed role takes effect at once.
 */
export const sessionActor = cache(async (): Promise<Actor> => {
  const session = await auth();
  const userId = Number(session?.user?.id);
  if (!session?.user?.role || !Number.isInteger(userId) || userId <= 0) return { type: "anonymous" };
  return { type: "user", userId, role: session.user.role, clientId: session.user.clientId ?? null };
});

/** The id of the current browser's session, if signed in. */
export async function currentSessionId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.sessionId ?? null;
}

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
