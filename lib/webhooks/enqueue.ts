import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import type { WebhookEvent } from "../db/schema";

/** Queues one delivery of an event per enabled endpoint subscribed to it, inside the caller's transaction. */
export async function enqueueWebhookEvent(
  conn: Conn,
  event: WebhookEvent,
  dedupeKey: string,
  data: Record<string, unknown>,
): Promise<void> {
  const payload = { event, data, createdAt: new Date().toISOString() };
  await conn.execute(sql`
    insert into webhook_outbox (endpoint_id, event, dedupe_key, payload)
    select id, ${event}, ${dedupeKey}, ${JSON.stringify(payload)}::jsonb
    from webhook_endpoints where enabled and ${event} = any(events)
    on conflict do nothing`);
}
