import { randomBytes } from "node:crypto";
import { z } from "zod";
import { webhookEndpoints } from "../../db/schema";
import { webhookEvents } from "../../vocabulary";
import { encrypt } from "../../crypto";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const createWebhookEndpointInput = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" })),
  events: z.array(z.enum(webhookEvents)).min(1, "Choose at least one event"),
});

export type WebhookEndpointView = Omit<typeof webhookEndpoints.$inferSelect, "secret">;

/**
 * Admins add a webhook endpoint. Its signing secret ("whsec_…") is generated here, stored
 * encrypted and returned once, for the receiver to check x-provisio-signature with.
 */
export async function createWebhookEndpoint({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  requireAdmin(ctx.actor);
  const data = parseInput(createWebhookEndpointInput, input);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url: data.url, events: [...new Set(data.events)], secret: encrypt(secret) })
      .returning();
    const { secret: _secret, ...endpoint } = row!;
    await audit(tx, ctx.actor, { action: "webhook_endpoint.create", entity: "webhook_endpoint", entityId: endpoint.id, after: endpoint });
    return { endpoint, secret };
  });
}
