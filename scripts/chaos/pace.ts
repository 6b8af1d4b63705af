/**
 * The steady mode of a chaos run (CHAOS_STEADY=1): the customers order no faster than the system
 * under chaos finishes opens, so payment → active measures recovery (retries, faults, leases of
 * killed workers), not a queue that grows for the whole run.
 *
 * A warm-up first lets the customers order freely with at most `cap` opens unfinished, so the
 * workers always have work, and counts the opens finished (active, or handed to staff) from the first
 * one on: that rate is the capacity. It lasts `warmupSeconds`, longer (up to three times) until
 * `minSample` opens have finished: a loaded machine may finish none for half a minute. From then on the customers' turns are let through at `fraction` of the
 * capacity (a turn orders or acts, in the warm-up's proportion), and never while more opens are
 * unfinished than the capacity finishes in `backlogSeconds`: the backlog stays bounded even where the
 * capacity was over-estimated.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../lib/db";
import { rows } from "../../lib/db/rows";

export type PaceFigures = { capacityPerS: number; steadyFrom: Date | null; steadyOrdersPerS: number; maxBacklog: number };
export type Pace = { turn(isOrder: boolean): Promise<boolean>; figures(): PaceFigures };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function opensState(db: Db, since: Date) {
  const [r] = await rows<{ unfinished: number; finished: number; first: Date | string | null }>(
    db,
    sql`select count(*) filter (where status in ('queued', 'running', 'waiting'))::int as unfinished,
               count(*) filter (where status in ('done', 'manual') and updated_at >= ${since.toISOString()}::timestamptz)::int as finished,
               min(updated_at) filter (where status in ('done', 'manual') and updated_at >= ${since.toISOString()}::timestamptz) as first
        from operations where kind = 'open' and created_at >= ${since.toISOString()}::timestamptz - interval '10 minutes'`,
  );
  return { unfinished: Number(r?.unfinished ?? 0), finished: Number(r?.finished ?? 0), first: r?.first ? new Date(r.first) : null };
}

export function steadyPace(opts: { db: Db; warmupSeconds: number; fraction: number; cap: number; backlogSeconds: number; until: number; minSample?: number }): Pace {
  const started = Date.now();
  let warmupEnd = started + opts.warmupSeconds * 1000;
  const minSample = opts.minSample ?? 20;
  let turns = 0;
  let orders = 0;
  let steadyOrders = 0;
  let capacity = 0;
  let perTurnMs = 0;
  let steadyFrom: Date | null = null;
  let nextTurnAt = 0;
  let unfinished = 0;
  let maxBacklog = 0;
  let lastLook = 0;
  let measuredFrom = new Date(started);
  /** The loops share one end of the warm-up. */
  let ending: Promise<boolean> | null = null;

  /** The unfinished opens, read at most every 500 ms (shared by the loops). */
  const backlog = async () => {
    if (Date.now() - lastLook >= 500) {
      lastLook = Date.now();
      unfinished = (await opensState(opts.db, measuredFrom).catch(() => ({ unfinished }))).unfinished;
      if (steadyFrom) maxBacklog = Math.max(maxBacklog, unfinished);
    }
    return unfinished;
  };

  /** Ends the warm-up once it has its sample (or has lasted three times its length); false while it goes on. */
  async function endWarmup(): Promise<boolean> {
    // Counted from the first open finished: the first ones finish only after a first round trip.
    const { finished, first } = await opensState(opts.db, new Date(started)).catch(() => ({ finished: 0, first: null }));
    if (finished < minSample && Date.now() < started + 3 * opts.warmupSeconds * 1000) {
      warmupEnd = Date.now() + 2000;
      return false;
    }
    capacity = first ? (finished - 1) / Math.max(1, (Date.now() - first.getTime()) / 1000) : 0;
    const turnsPerOrder = orders > 0 ? turns / orders : 1;
    const perSecond = Math.max(0.2, opts.fraction * capacity * turnsPerOrder);
    perTurnMs = 1000 / perSecond;
    steadyFrom = new Date();
    measuredFrom = steadyFrom;
    nextTurnAt = Date.now();
    console.error(`chaos: capacity ${capacity.toFixed(2)} opens/s after a warm-up of ${((Date.now() - started) / 1000).toFixed(0)} s (${finished} opens finished); steady at ${(opts.fraction * 100).toFixed(0)}% of it (a turn every ${perTurnMs.toFixed(0)} ms)`);
    return true;
  }

  return {
    /** Waits for the customer's next turn; false when the run is over. */
    async turn(isOrder) {
      for (;;) {
        if (Date.now() >= opts.until) return false;
        if (Date.now() < warmupEnd) {
          if ((await backlog()) < opts.cap) break;
          await sleep(100);
          continue;
        }
        if (!steadyFrom && !(await (ending ??= endWarmup().finally(() => (ending = null))))) continue;
        if ((await backlog()) > Math.max(opts.cap / 4, capacity * opts.backlogSeconds)) {
          await sleep(200);
          continue;
        }
        const wait = nextTurnAt - Date.now();
        if (wait <= 0) {
          nextTurnAt = Math.max(nextTurnAt, Date.now() - perTurnMs) + perTurnMs;
          break;
        }
        await sleep(Math.min(wait, 200));
      }
      turns++;
      if (isOrder) orders++;
      if (isOrder && steadyFrom) steadyOrders++;
      return true;
    },
    figures: () => {
      const seconds = steadyFrom ? Math.max(1, (Math.min(Date.now(), opts.until) - steadyFrom.getTime()) / 1000) : 1;
      return { capacityPerS: capacity, steadyFrom, steadyOrdersPerS: steadyOrders / seconds, maxBacklog };
    },
  };
}
