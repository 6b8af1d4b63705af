import { redirect } from "next/navigation";
import { currentActor } from "../auth/actor";
import { getDatabase } from "../db";
import { isAdmin, isStaff, type Actor, type Ctx } from "./context";

/**
 * The verbs' context for pages and server actions: the database and an actor. Roles are checked by
 * the verbs; the page guards below only send people who cannot use a page to where they can.
 */
export async function ctxFor(actor: Actor): Promise<Ctx> {
  const { db } = await getDatabase();
  return { db, actor };
}

/** This request's context: the signed-in actor (or the client an admin supports), else anonymous. */
export async function requestCtx(): Promise<Ctx> {
  const [{ db }, actor] = await Promise.all([getDatabase(), currentActor()]);
  return { db, actor };
}

/** For what everyone sees and does alike, signed in or not: the store's catalog, sign-up, password reset. */
export function anonymousCtx(): Promise<Ctx> {
  return ctxFor({ type: "anonymous" });
}

const signIn = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`;

/** For admin pages: the context, or a redirect for anyone who is not an admin. */
export async function adminPageCtx(path = "/admin"): Promise<Ctx> {
  const ctx = await requestCtx();
  if (ctx.actor.type === "anonymous") redirect(signIn(path));
  if (!isAdmin(ctx.actor)) redirect("/");
  return ctx;
}

/** For the task board's pages: the context, or a redirect for anyone who is not staff. */
export async function staffPageCtx(path = "/board"): Promise<Ctx> {
  const ctx = await requestCtx();
  if (ctx.actor.type === "anonymous") redirect(signIn(path));
  if (!isStaff(ctx.actor)) redirect("/");
  return ctx;
}

/** The signed-in client's context for the client area's pages and actions; others go to sign in. */
export async function clientCtx(next = "/account"): Promise<Ctx & { clientId: number }> {
  const ctx = await requestCtx();
  const { actor } = ctx;
  if (actor.type !== "user" || actor.clientId === null) redirect(signIn(next));
  return { ...ctx, clientId: actor.clientId };
}
