import { randomUUID } from "node:crypto";
import type { Database } from "../db";
import { systemClock, type Clock } from "../clock";
import { deliverEmails } from "../email/deliver";
import { deliverWebhooks } from "../webhooks/deliver";
import { deliverChat } from "../notifications/deliver-chat";
import { recordHeartbeat, removeHeartbeat } from "../health/heartbeat";
import { logger } from "../log";
import { claimAndLoad } from "./claim";
import { completeTogether } from "./complete-together";
import { errorReporter } from "./error-report";
import { periodicSweeps, type PeriodicSweep } from "./periodic-sweeps";
import { runOperation } from "./run-operation";
import { WORK_CHANNEL } from "./wake";

export type RunnerOptions = {
  /** Operations in flight at once in this process. */
  concurrency?: number;
  leaseMs?: number;
  /** Longest sleep between looks for due work when nothing wakes the runner. */
  pollMs?: number;
  clock?: Clock;
  /** Also deliver the email and webhook outboxes (default true). */
  outbox?: boolean;
  /** Queue syncs for services due one, and run the renewal and expiry sweep (default true). */
  syncs?: boolean;
  /** The periodic sweeps run every 30 s in their own lane (default periodicSweeps; tests wrap it). */
  sweep?: PeriodicSweep;
  onError?: (error: unknown) => void;
};

/** How often the periodic sweeps (syncs, renewals, expiries, reminders, digests) start. */
const SWEEP_EVERY_MS = 30_000;

/** Longest a freed place waits for others before the runner claims for it (see refillSoon). */
const REFILL_WAIT_MS = 2;

/** An operation that found its handlers busy is due again after this long (runOperation's busyRetryMs). */
const BUSY_RETRY_MS = 500;

export type Runner = { id: string; wake(): void; stop(): Promise<void>; inFlight(): number; processed(): number };

/**
 * The processing loop: claims due operations, runs them concurrently, delivers the outbox beside.
 * It claims when something may be due: a NOTIFY, the poll, or a slot freed while the last claim came
 * back full (a backlog). Freed slots are refilled a few at a time, so a backlog costs one claim per
 * handful of operations and an idle runner makes no claim at all between wakes.
 */
export async function startRunner(database: Database, opts: RunnerOptions = {}): Promise<Runner> {
  const { db } = database;
  const id = randomUUID().slice(0, 8);
  const log = logger().child({ runner: id });
  const concurrency = opts.concurrency ?? Number(process.env.PROCESSING_CONCURRENCY ?? 64);
  const refillAt = Math.max(1, Math.min(8, Math.floor(concurrency / 8)));
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const clock = opts.clock ?? systemClock;
  const report = errorReporter(log);
  const onError = opts.onError ?? report;
  const inflight = new Set<Promise<void>>();
  const complete = completeTogether(db);
  let stopped = false;
  let sleeper: (() => void) | null = null;
  /** Something may be due: claim on the next turn. */
  let claimDue = true;
  let backlog = false;
  let outboxDue = true;
  let outbox: Promise<void> | null = null;
  let sweeping: Promise<void> | null = null;
  let lastSweep = 0;
  let processed = 0;
  let nextPoll = Date.now() + pollMs;
  let refillTimer: NodeJS.Timeout | null = null;
  let busyTimer: NodeJS.Timeout | null = null;
  /** Operations went back because their handlers were busy: claim again when they are due, not at the poll. */
  const retryBusy = () => {
    busyTimer ??= setTimeout(() => {
      busyTimer = null;
      claimDue = true;
      kick();
    }, BUSY_RETRY_MS + 5);
  };
  /**
   * Fewer than `refillAt` places are free: a freed place waits a moment for others, never longer.
   * Against a panel that takes 200 ms per create, places free one by one and waiting for the
   * eighth cost a tenth of the throughput; against a fast one, eight free up before the timer runs.
   */
  const refillSoon = () => {
    refillTimer ??= setTimeout(() => {
      refillTimer = null;
      if (backlog) {
        claimDue = true;
        kick();
      }
    }, REFILL_WAIT_MS);
  };

  const kick = () => sleeper?.();
  const wake = () => {
    claimDue = true;
    outboxDue = true;
    kick();
  };
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const ready = (claimDue && inflight.size < concurrency) || (outboxDue && !outbox && opts.outbox !== false);
      if (ready || stopped) return resolve(false);
      const timer = setTimeout(() => done(true), ms);
      function done(timedOut: boolean) {
        clearTimeout(timer);
        sleeper = null;
        resolve(timedOut);
      }
      sleeper = () => done(false);
    });
  const unlisten = await database.listen(WORK_CHANNEL, wake);

  function deliverOutbox() {
    if (opts.outbox === false || outbox || !outboxDue) return;
    outboxDue = false;
    outbox = (async () => {
      const mail = await deliverEmails(db, { clock, leaseMs });
      const hooks = await deliverWebhooks(db, { clock, leaseMs });
      const chat = await deliverChat(db, { clock, leaseMs });
      if ([mail, hooks, chat].some((r) => r.sent + r.retried + r.failed > 0)) outboxDue = true;
    })()
      .catch(onError)
      .finally(() => {
        outbox = null;
        if (outboxDue) kick();
      });
  }

  /**
   * The periodic sweeps run in their own lane beside the claims, as the outbox does: a month's end
   * of renewals never holds up the claim of a new order. One round at a time, statement after
   * statement, so the lane holds at most one of the pool's connections.
   */
  function sweepSoon() {
    if (opts.syncs === false || sweeping || clock.now().getTime() - lastSweep <= SWEEP_EVERY_MS) return;
    lastSweep = clock.now().getTime();
    sweeping = (opts.sweep ?? periodicSweeps)(db, clock)
      .catch(onError)
      .finally(() => {
        sweeping = null;
      });
  }

  async function claim(): Promise<void> {
    const now = clock.now();
    if (refillTimer) clearTimeout(refillTimer);
    refillTimer = null;
    const limit = concurrency - inflight.size;
    const claimed = await claimAndLoad(db, { limit, now, leaseMs });
    backlog = claimed.length === limit;
    processed += claimed.length;
    for (const { lease, loaded } of claimed) {
      const p: Promise<void> = runOperation(db, lease, { clock, loaded, log, complete, leaseMs, busyRetryMs: BUSY_RETRY_MS })
        .then(
          // An operation that found every handler busy freed nothing; it waits for the next completion, wake or poll.
          (result) => {
            if (result === "busy") retryBusy();
            return result !== "busy";
          },
          (error: unknown) => {
            onError(error);
            return false;
          },
        )
        .then((freed) => {
          // Counted after leaving the set: operations finishing together (one commit) all see the slots they freed.
          inflight.delete(p);
          if (freed) {
            outboxDue = true;
            // A slot was given back: refill while there is a backlog.
            if (backlog && concurrency - inflight.size >= refillAt) claimDue = true;
            else if (backlog) refillSoon();
          }
          kick();
        });
      inflight.add(p);
    }
  }

  log.info({ concurrency, db: database.kind }, "runner started");
  const loop = (async () => {
    while (!stopped) {
      if (claimDue && inflight.size < concurrency) {
        claimDue = false;
        try {
          await claim();
          report.recovered();
        } catch (error) {
          onError(error);
        }
      }
      deliverOutbox();
      // After the first claim, so a worker that starts takes its orders before it sweeps.
      sweepSoon();
      await recordHeartbeat(db, { id, inFlight: inflight.size, processed });
      if (stopped) break;
      // The poll keeps its own rhythm: kicks (completions, outbox) do not push it back.
      if (await sleep(Math.max(0, nextPoll - Date.now()))) wake();
      if (Date.now() >= nextPoll) nextPoll = Date.now() + pollMs;
    }
  })();

  return {
    id,
    wake,
    inFlight: () => inflight.size,
    processed: () => processed,
    async stop() {
      stopped = true;
      if (refillTimer) clearTimeout(refillTimer);
      if (busyTimer) clearTimeout(busyTimer);
      sleeper?.();
      await loop;
      await Promise.allSettled([...inflight, outbox, sweeping]);
      await unlisten().catch(() => {});
      await removeHeartbeat(db, id);
      log.info({ processed }, "runner stopped");
    },
  };
}
