import { desc, getTableColumns, sql } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema";
import { requireAdmin, type Ctx } from "../context";

const { secret: _secret, ...visible } = getTableColumns(webhookEndpoints);

/** Webhook endpoints, newest first, with counts of their deliveries by status; never the secret. */
export async function listWebhookEndpoints({ ctx }: { ctx: Ctx }) {
  requireAdmin(ctx.actor);
  const rows = await ctx.db
    .select({
      ...visible,
      queued: sql<number>`(select count(*)::int from webhook_outbox o where o.endpoint_id = "webhook_endpoints"."id" and o.status in ('queued', 'sending'))`,
      failed: sql<number>`(select count(*)::int from webhook_outbox o where o.endpoint_id = "webhook_endpoints"."id" and o.status = 'failed')`,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.id));
  return rows.map((r) => ({ ...r, queued: Number(r.queued), failed: Number(r.failed) }));
}

export type WebhookEndpointListItem = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];
