import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "../../db/rows";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const operationStatsInput = z.object({ hours: z.coerce.number().int().min(1).max(168).default(24) }).default({ hours: 24 });

export type HourBucket = { start: Date; done: number; error: number; pending: number };
export type HandlerFailures = { handlerId: number | null; name: string; attempts: number; errors: number; failureRate: number };

/**
 * Attempts of the last hours from operation_attempts: per hour by outcome (done, pending, error), and the
 * failure rate of each handler. Buckets are counted from the start of the window, so the
 * database's time zone does not matter.
 */
export async function operationStats({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const { hours } = parseInput(operationStatsInput, input ?? {});
  const end = now(ctx);
  const hourMs = 3_600_000;
  const since = new Date(Math.floor(end.getTime() / hourMs) * hourMs - (hours - 1) * hourMs);
  const perHour = await rows<{ bucket: number; outcome: string; n: number }>(
    ctx.db,
    sql`select floor(extract(epoch from (finished_at - ${since.toISOString()}::timestamptz)) / 3600)::int as bucket, outcome, count(*)::int as n
        from operation_attempts
        where finished_at >= ${since.toISOString()}::timestamptz
        group by 1, 2`,
  );
  const buckets: HourBucket[] = Array.from({ length: hours }, (_, i) => ({ start: new Date(since.getTime() + i * hourMs), done: 0, error: 0, pending: 0 }));
  for (const r of perHour) {
    const b = buckets[Number(r.bucket)];
    if (b && (r.outcome === "done" || r.outcome === "error" || r.outcome === "pending")) b[r.outcome] += Number(r.n);
  }
  const byHandler = await rows<{ handler_id: number | null; name: string | null; attempts: number; errors: number }>(
    ctx.db,
    sql`select a.handler_id, h.name, count(*)::int as attempts, (count(*) filter (where a.outcome = 'error'))::int as errors
        from operation_attempts a left join handlers h on h.id = a.handler_id
        where a.finished_at >= ${new Date(end.getTime() - 24 * hourMs).toISOString()}::timestamptz and a.outcome in ('done', 'error')
        group by a.handler_id, h.name
        order by errors desc, attempts desc`,
  );
  const handlers: HandlerFailures[] = byHandler.map((r) => ({
    handlerId: r.handler_id === null ? null : Number(r.handler_id),
    name: r.name ?? "No handler",
    attempts: Number(r.attempts),
    errors: Number(r.errors),
    failureRate: Number(r.attempts) ? Number(r.errors) / Number(r.attempts) : 0,
  }));
  return { since, until: end, perHour: buckets, handlers };
}
