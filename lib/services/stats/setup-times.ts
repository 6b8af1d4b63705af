import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "../../db/rows";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const setupTimesInput = z.object({ days: z.coerce.number().int().min(1).max(31).default(7) }).default({ days: 7 });

export type SetupTime = { module: string; services: number; p50Seconds: number; p95Seconds: number };

/**
 * Time from payment to active per processing module over the last days: an `open` operation is
 * created in the payment's transaction and finishes when the service is active, so its
 * created_at → finished_at is that time. The window bounds the scan (no finished_at index yet).
 */
export async function setupTimes({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<SetupTime[]> {
  requireAdmin(ctx.actor);
  const { days } = parseInput(setupTimesInput, input ?? {});
  const until = now(ctx);
  const since = new Date(until.getTime() - days * 86_400_000);
  const list = await rows<{ module: string; services: number; p50: number; p95: number }>(
    ctx.db,
    sql`select h.module, count(*)::int as services,
          percentile_cont(0.5) within group (order by extract(epoch from (o.finished_at - o.created_at)))::float8 as p50,
          percentile_cont(0.95) within group (order by extract(epoch from (o.finished_at - o.created_at)))::float8 as p95
        from operations o
        join services s on s.id = o.service_id
        join handlers h on h.id = coalesce(o.handler_id, s.handler_id)
        where o.kind = 'open' and o.status = 'done' and o.finished_at >= ${since.toISOString()}::timestamptz and o.finished_at < ${until.toISOString()}::timestamptz
        group by h.module
        order by h.module`,
  );
  return list.map((r) => ({ module: r.module, services: Number(r.services), p50Seconds: Number(r.p50), p95Seconds: Number(r.p95) }));
}
