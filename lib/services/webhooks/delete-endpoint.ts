import { eq } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const deleteWebhookEndpointInput = z.object({ endpointId: z.number().int().positive().max(2_147_483_647) });

/** Admins remove an endpoint; its queued and past deliveries go with it. */
export async function deleteWebhookEndpoint({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: number }> {
  requireAdmin(ctx.actor);
  const { endpointId } = parseInput(deleteWebhookEndpointInput, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).returning();
    if (!row) throw notFound("Webhook endpoint not found");
    const { secret: _secret, ...before } = row;
    await audit(tx, ctx.actor, { action: "webhook_endpoint.delete", entity: "webhook_endpoint", entityId: row.id, before });
    return { id: row.id };
  });
}
