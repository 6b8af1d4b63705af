import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints, webhookOutbox } from "../../db/schema";
import { outboxStatuses } from "../../vocabulary";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { page, idFilter, limitFilter } from "../page";

export const listWebhookDeliveriesInput = z.object({
  endpointId: idFilter().optional(),
  status: z.enum(outboxStatuses).optional(),
  cursor: idFilter().optional(),
  limit: limitFilter(200, 50),
});

/** The delivery log: recent webhook deliveries, newest first, with status, tries, answer and last error. */
export async function listWebhookDeliveries({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listWebhookDeliveriesInput, input ?? {});
  const rows = await ctx.db
    .select({
      id: webhookOutbox.id,
      endpointId: webhookOutbox.endpointId,
      url: webhookEndpoints.url,
      event: webhookOutbox.event,
      status: webhookOutbox.status,
      attempts: webhookOutbox.attempts,
      responseStatus: webhookOutbox.responseStatus,
      lastError: webhookOutbox.lastError,
      runAt: webhookOutbox.runAt,
      createdAt: webhookOutbox.createdAt,
      deliveredAt: webhookOutbox.deliveredAt,
    })
    .from(webhookOutbox)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookOutbox.endpointId))
    .where(
      and(
        data.endpointId ? eq(webhookOutbox.endpointId, data.endpointId) : undefined,
        data.status ? eq(webhookOutbox.status, data.status) : undefined,
        data.cursor ? lt(webhookOutbox.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookOutbox.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}

export type WebhookDelivery = Awaited<ReturnType<typeof listWebhookDeliveries>>["items"][number];
