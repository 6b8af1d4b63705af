import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import { rows } from "../db/rows";
import { readSettings } from "../settings";

/**
 * Queues a sync for each active or suspended service not synced within the sync interval,
 * disabled handler or not, skipping services with another operation in progress. Oldest sync
 * first, read through services_sync_due_idx: the cost follows the due services, not all of them.
 */
export async function scheduleSyncs(conn: Conn, now: Date, limit = 500): Promise<number> {
  const { syncIntervalSeconds } = await readSettings(conn);
  const before = new Date(now.getTime() - syncIntervalSeconds * 1000);
  const queued = await rows<{ id: number }>(
    conn,
    sql`insert into operations (service_id, kind, run_at)
        select s.id, 'sync', ${now.toISOString()}::timestamptz from services s
        where s.status in ('active', 'suspended') and s.handler_id is not null
          and coalesce(s.last_synced_at, s.updated_at) < ${before.toISOString()}::timestamptz
          and not exists (select 1 from operations o where o.service_id = s.id
                          and o.status in ('queued', 'running', 'waiting', 'manual'))
        order by coalesce(s.last_synced_at, s.updated_at) limit ${limit}
        on conflict do nothing
        returning id`,
  );
  return queued.length;
}
