import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { rows } from "../db/rows";
import { systemClock, type Clock } from "../clock";
import type { Lease } from "./record";

export type LeaseKeeper = {
  /** Stops renewing (the operation is finished, or the worker goes away). */
  stop(): void;
  /** The last renewal found the claim taken by another worker, switched to manual or cancelled. */
  lost(): boolean;
  renewals(): number;
};

/**
 * Extends an operation's lease, and its handler slot's, only while this worker still holds the
 * claim (the same lease token and status running). Returns false when the claim is gone: the
 * operation's completion is fenced by the same token, so a late answer never overwrites the
 * new owner's work.
 */
export async function renewLease(db: Db, lease: Lease, until: Date): Promise<boolean> {
  const at = until.toISOString();
  const [row] = await rows<{ held: number }>(
    db,
    sql`with op as (
          update operations set lease_until = ${at}::timestamptz
          where id = ${lease.id} and lease_token = ${lease.leaseToken} and status = 'running'
          returning id),
        slot as (
          update handler_slots set lease_until = ${at}::timestamptz
          where operation_id = ${lease.id} and lease_token = ${lease.leaseToken} and exists (select 1 from op)
          returning slot)
        select (select count(*) from op)::int as held`,
  );
  return Number(row?.held ?? 0) > 0;
}

/**
 * The heartbeat of an operation being worked on: every third of the lease, the lease is renewed
 * for a whole lease from now. A call to a panel that takes longer than the lease (cPanel's
 * createacct may take 90 s, the default lease is 60 s) is therefore never claimed a second time
 * while its worker lives; a worker that dies stops renewing, and its operation is taken over
 * once the last renewal runs out. An operation finished within a third of the lease costs nothing.
 */
export function keepLease(db: Db, lease: Lease, opts: { leaseMs: number; clock?: Clock; onError?: (error: unknown) => void }): LeaseKeeper {
  const clock = opts.clock ?? systemClock;
  const every = Math.max(10, Math.floor(opts.leaseMs / 3));
  let stopped = false;
  let lost = false;
  let renewals = 0;
  let timer: NodeJS.Timeout | null = null;
  const beat = async () => {
    timer = null;
    if (stopped) return;
    try {
      const held = await renewLease(db, lease, new Date(clock.now().getTime() + opts.leaseMs));
      renewals += 1;
      if (!held) {
        lost = true;
        return;
      }
    } catch (error) {
      // A failed renewal is tried again at the next beat; the lease still has two thirds left.
      opts.onError?.(error);
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void beat(), every);
    timer.unref?.();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    lost: () => lost,
    renewals: () => renewals,
  };
}
