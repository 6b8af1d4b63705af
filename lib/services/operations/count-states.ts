import { sql } from "drizzle-orm";
import { rows } from "../../db/rows";
import { requireStaff, type Ctx } from "../context";

export type OperationCounts = { all: number; allEstimated: boolean; failing: number; manual: number; running: number; queued: number; waiting: number };

/** Above this many rows the total is the planner's estimate: an exact count would read the whole table. */
const EXACT_UP_TO = 100_000;

/**
 * The counts behind Current operations' quick filters. The live states come from one grouped read
 * of operations_status_idx; the total of every operation ever is the planner's estimate once the
 * table is large, and said to be one.
 */
export async function countOperationStates({ ctx }: { ctx: Ctx; input?: unknown }): Promise<OperationCounts> {
  requireStaff(ctx.actor);
  const live = await rows<{ status: string; n: number; failing: number }>(
    ctx.db,
    sql`select status, count(*)::int as n, (count(*) filter (where attempts > 0 and last_error is not null))::int as failing
        from operations where status in ('queued', 'running', 'waiting', 'manual') group by status`,
  );
  const n = (s: string) => Number(live.find((r) => r.status === s)?.n ?? 0);
  const [estimate] = await rows<{ n: number }>(ctx.db, sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = 'operations'::regclass`);
  const estimated = Number(estimate?.n ?? 0) > EXACT_UP_TO;
  const all = estimated ? Number(estimate!.n) : Number((await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from operations`))[0]?.n ?? 0);
  return {
    all,
    allEstimated: estimated,
    failing: Number(live.find((r) => r.status === "queued")?.failing ?? 0),
    manual: n("manual"),
    running: n("running"),
    queued: n("queued"),
    waiting: n("waiting"),
  };
}
