import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { getDatabase } from "@/lib/db";
import { isAdmin, type Ctx } from "@/lib/services/context";

/** The verbs' context for this request: the database and the signed-in actor (the verbs check roles). */
export async function requestCtx(): Promise<Ctx> {
  const [{ db }, actor] = await Promise.all([getDatabase(), currentActor()]);
  return { db, actor };
}

/** For admin pages: the context, or a redirect for anyone who is not an admin. */
export async function adminPageCtx(path = "/admin"): Promise<Ctx> {
  const ctx = await requestCtx();
  if (ctx.actor.type === "anonymous") redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  if (!isAdmin(ctx.actor)) redirect("/");
  return ctx;
}
