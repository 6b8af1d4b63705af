import type { Db } from "../db";
import { systemClock, type Clock } from "../clock";
import { claimAndLoad } from "./claim";
import { runOperation } from "./run-operation";

/**
 * Claims the due operations and runs them, batch after batch, until none is due. Used by the
 * Trigger.dev sweep, `provision-operation` (with onlyId) and tests that drive the engine by hand.
 */
export async function sweepOperations(
  db: Db,
  opts: { clock?: Clock; batch?: number; leaseMs?: number; onlyId?: number; maxRounds?: number } = {},
): Promise<number> {
  const clock = opts.clock ?? systemClock;
  let total = 0;
  for (let round = 0; round < (opts.maxRounds ?? 100); round++) {
    const leaseMs = opts.leaseMs ?? 60_000;
    const claimed = await claimAndLoad(db, { limit: opts.batch ?? 32, now: clock.now(), leaseMs, onlyId: opts.onlyId });
    if (claimed.length === 0) break;
    await Promise.all(claimed.map(({ lease, loaded }) => runOperation(db, lease, { clock, loaded, leaseMs })));
    total += claimed.length;
  }
  return total;
}
