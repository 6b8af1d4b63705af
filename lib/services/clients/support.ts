import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "../../db/schema";
import { notFound, unprocessable } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const supportInput = z.object({ clientId: z.number().int().positive().max(2_147_483_647), end: z.boolean().default(false) });

/**
 * An admin starts (or ends) signing in as a client for support; both are audited. Returns the
 * client's user to act as. The caller (a server action) sets or clears the signed support cookie.
 */
export async function supportClient({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(supportInput, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx.select({ id: clients.id, name: clients.name }).from(clients).where(eq(clients.id, data.clientId));
    if (!client) throw notFound("Client not found");
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.clientId, client.id), eq(users.role, "client"), eq(users.disabled, false)))
      .orderBy(asc(users.id))
      .limit(1);
    if (!user && !data.end) throw unprocessable("This client has no sign-in that can be used, so there is nothing to sign in as.");
    await audit(tx, ctx.actor, {
      action: data.end ? "client.support_end" : "client.support_start",
      entity: "client",
      entityId: client.id,
      after: { clientUserId: user?.id ?? null },
    });
    return { clientId: client.id, clientName: client.name, clientUserId: user?.id ?? null };
  });
}
