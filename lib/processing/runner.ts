import { randomUUID } from "node:crypto";
import type { Database } from "../db";
import { systemClock, type Clock } from "../clock";
import { runRenewals } from "../billing/renewals";
import { deliverEmails } from "../email/deliver";
import { deliverWebhooks } from "../webhooks/deliver";
import { recordHeartbeat } from "../health/heartbeat";
import { claimAndLoad } from "./claim";
import { runOperation } from "./run-operation";
import { scheduleSyncs } from "./schedule-syncs";
import { recountSlots } from "./select-handler";
import { WORK_CHANNEL } from "./wake";

export type RunnerOptions = {
  /** Operations in flight at once in this process. */
  concurrency?: number;
  leaseMs?: number;
  /** Longest sleep between looks for due work when nothing wakes the runner. */
  pollMs?: number;
  clock?: Clock;
  /** Also deliver the email outbox (default true). */
  outbox?: boolean;
  /** Queue syncs for services due one, and run the renewal and expiry sweep (default true). */
  syncs?: boolean;
  onError?: (error: unknown) => void;
};

export type Runner = { id: string; wake(): void; stop(): Promise<void>; inFlight(): number; processed(): number };

/** The processing loop: claims due operations, runs them concurrently, delivers the outbox. */
export async function startRunner(database: Database, opts: RunnerOptions = {}): Promise<Runner> {
  const { db } = database;
  const id = randomUUID().slice(0, 8);
  const concurrency = opts.concurrency ?? Number(process.env.PROCESSING_CONCURRENCY ?? 64);
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const clock = opts.clock ?? systemClock;
  const onError = opts.onError ?? ((e: unknown) => console.error(`[runner ${id}]`, e instanceof Error ? e.message : e));
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  let sleeper: (() => void) | null = null;
  let pendingWake = false;
  let lastSyncSweep = 0;
  let lastRecount = 0;
  let processed = 0;

  const wake = () => {
    pendingWake = true;
    sleeper?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleeper = null;
        resolve();
      }
      sleeper = done;
    });
  const unlisten = await database.listen(WORK_CHANNEL, wake);

  async function tick(): Promise<number> {
    await recordHeartbeat(db, { id, inFlight: inflight.size, processed });
    const now = clock.now();
    if (opts.syncs !== false && now.getTime() - lastSyncSweep > 30_000) {
      lastSyncSweep = now.getTime();
      await scheduleSyncs(db, now);
      await runRenewals(db, { clock });
    }
    if (now.getTime() - lastRecount > 30_000) {
      lastRecount = now.getTime();
      await recountSlots(db);
    }
    const claimed = await claimAndLoad(db, { limit: concurrency - inflight.size, now, leaseMs });
    processed += claimed.length;
    for (const { lease, loaded } of claimed) {
      const p: Promise<void> = runOperation(db, lease, { clock, loaded })
        .catch(onError)
        .finally(() => {
          inflight.delete(p);
          wake();
        });
      inflight.add(p);
    }
    if (opts.outbox !== false) {
      const mail = await deliverEmails(db, { clock, leaseMs });
      const hooks = await deliverWebhooks(db, { clock, leaseMs });
      return claimed.length + mail.sent + mail.retried + mail.failed + hooks.sent + hooks.retried + hooks.failed;
    }
    return claimed.length;
  }

  const loop = (async () => {
    while (!stopped) {
      pendingWake = false;
      let worked = 0;
      try {
        worked = await tick();
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      if (worked === 0 || inflight.size >= concurrency) await sleep(pollMs);
    }
  })();

  return {
    id,
    wake,
    inFlight: () => inflight.size,
    processed: () => processed,
    async stop() {
      stopped = true;
      sleeper?.();
      await loop;
      await Promise.allSettled([...inflight]);
      await unlisten().catch(() => {});
    },
  };
}
