import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import type { WebhookEvent } from "../vocabulary";

/** Queues one delivery of an event per enabled endpoint subscribed to it, inside the caller's transaction. */
export async function enqueueWebhookEvent(
  conn: Conn,
  event: WebhookEvent,
  dedupeKey: string,
  data: Record<string, unknown>,
): Promise<void> {
  // run_at from this clock, not the database's: deliveries are claimed by "run_at <= now" in JS
  // milliseconds, and the database's microseconds could make a new row not yet due.
  const now = new Date().toISOString();
  const payload = { event, data, createdAt: now };
  await conn.execute(sql`
    insert into webhook_outbox (endpoint_id, event, dedupe_key, payload, run_at)
    select id, ${event}, ${dedupeKey}, ${JSON.stringify(payload)}::jsonb, ${now}::timestamptz
    from webhook_endpoints where enabled and ${event} = any(events)
    on conflict do nothing`);
}
