"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/actor";
import { decodeSupportGrant, SUPPORT_COOKIE } from "@/lib/auth/support-session";
import { isAdmin } from "@/lib/services/context";
import { ctxFor } from "@/lib/services/request-context";
import { supportClient } from "@/lib/services/clients/support";

/** Ends signing in as a client: the cookie goes, the end is audited under the admin, and the admin is back on the client's page. */
export async function endSupportAction(): Promise<void> {
  const jar = await cookies();
  const grant = decodeSupportGrant(jar.get(SUPPORT_COOKIE)?.value);
  jar.delete(SUPPORT_COOKIE);
  const actor = await sessionActor();
  if (grant && isAdmin(actor) && actor.type === "user" && actor.userId === grant.adminUserId) {
    await supportClient({ ctx: await ctxFor(actor), input: { clientId: grant.clientId, end: true } });
    redirect(`/admin/clients/${grant.clientId}`);
  }
  redirect("/");
}
