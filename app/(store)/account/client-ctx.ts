import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { currentActor } from "@/lib/auth/actor";
import type { Ctx } from "@/lib/services/context";

/** The signed-in client's context for the client area's pages and actions; others go to sign in. */
export async function clientCtx(next = "/account"): Promise<Ctx & { clientId: number }> {
  const actor = await currentActor();
  if (actor.type !== "user" || actor.clientId === null) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  const { db } = await getDatabase();
  return { db, actor, clientId: actor.clientId };
}
