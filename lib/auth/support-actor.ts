import { cookies } from "next/headers";
import { getDatabase } from "../db";
import type { Actor } from "../services/context";
import { SUPPORT_COOKIE } from "./support-cookie";
import { decodeSupportGrant, supportActor, supportClientName } from "./support-session";

/** The client an admin acts as in this request (from the support cookie), or null. */
export async function supportActorOf(adminUserId: number): Promise<Actor | null> {
  const value = (await cookies()).get(SUPPORT_COOKIE)?.value;
  if (!value) return null;
  const { db } = await getDatabase();
  return supportActor(db, adminUserId, value);
}

/** For the banner: the client being helped, when this request carries a support grant. */
export async function currentSupport(): Promise<{ clientId: number; clientName: string } | null> {
  const grant = decodeSupportGrant((await cookies()).get(SUPPORT_COOKIE)?.value);
  if (!grant) return null;
  const { db } = await getDatabase();
  const name = await supportClientName(db, grant);
  return name ? { clientId: grant.clientId, clientName: name } : null;
}
