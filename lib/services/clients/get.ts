import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { notFound } from "../../errors";
import { parseInput, requireClientAccess, type Ctx } from "../context";

export const getClientInput = z.object({ clientId: z.number().int().positive().max(2_147_483_647) });

export type Client = typeof clients.$inferSelect;

/** One client's record: the client itself, or staff. */
export async function getClient({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Client> {
  const { clientId } = parseInput(getClientInput, input);
  requireClientAccess(ctx.actor, clientId);
  const [client] = await ctx.db.select().from(clients).where(eq(clients.id, clientId));
  if (!client) throw notFound("Client not found");
  return client;
}
