import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { operations, serviceHistory, services } from "../db/schema";
import { createAttemptLog } from "../modules/attempt-log";
import { ModuleError, type Done, type Outcome, type ProcessingModule, type SyncResult } from "../modules/contract";
import { getModule } from "../modules/registry";
import { systemClock, type Clock } from "../clock";
import type { Logger } from "../log";
import { completeOperation, type Completion } from "./complete";
import { queueFollowUp, refundEndedTransfer } from "./domain-follow";
import { escalate } from "./escalate";
import { completingService, handlerConnection, loadOperation, serviceInfo, type LoadedOperation } from "./load";
import { asModuleError, insertAttempt, markHealth, recordError, release, whileLeased, type Lease } from "./record";
import { keepLease } from "./lease-renewal";
import { operationReport } from "./report";
import { releaseSlot, selectHandler, type TakenHandler } from "./select-handler";

export type RunOptions = {
  clock?: Clock;
  maxClaims?: number;
  busyRetryMs?: number;
  loaded?: LoadedOperation;
  log?: Logger;
  /** Told when the attempt has its handler and slot, before the module runs (for `npm run bench:profile`). */
  onSlot?: () => void;
  /** Writes a completion; the runner's gathers those finishing together (`completeTogether`). */
  complete?: Complete;
  /** The claim's lease: renewed every third of it while the operation is worked on (`keepLease`). */
  leaseMs?: number;
};
type Complete = (completion: Completion) => ReturnType<typeof completeOperation>;
type Report = ReturnType<typeof operationReport>;

const DEFAULT_POLL_MS = 2000;

/**
 * One attempt of a claimed operation: choose the handler, call the module, record the outcome.
 * Says "busy" when every handler was at its max running operations and the operation went back.
 */
export async function runOperation(db: Db, lease: Lease, opts: RunOptions = {}): Promise<"busy" | "worked" | "skipped"> {
  const clock = opts.clock ?? systemClock;
  const loaded: LoadedOperation | undefined = opts.loaded ?? (await loadOperation(db, lease.id));
  if (!loaded || loaded.operation.leaseToken !== lease.leaseToken) return "skipped";
  const keeper = opts.leaseMs ? keepLease(db, lease, { leaseMs: opts.leaseMs, clock, onError: (e) => opts.log?.warn({ err: e }, "lease renewal failed") }) : null;
  try {
    return await runLeased(db, lease, loaded, opts, clock);
  } finally {
    keeper?.stop();
  }
}

async function runLeased(db: Db, lease: Lease, loaded: LoadedOperation, opts: RunOptions, clock: Clock): Promise<"busy" | "worked"> {
  const { operation, service } = loaded;
  const startedAt = clock.now();
  const report = operationReport(opts.log, loaded);
  // A slot the claim took for this operation, given back if the operation does not get to its attempt.
  const giveBack = () => (loaded.slot ? releaseSlot(db, { handlerId: loaded.slot.id, slot: loaded.slot.slot, leaseToken: lease.leaseToken }) : Promise.resolve());

  if (operation.claims > (opts.maxClaims ?? 10)) {
    await giveBack();
    await whileLeased(db, lease, (tx) =>
      escalate(tx, { operationId: operation.id, reason: "escalated", handlerId: service.handlerId, note: `taken by a worker ${operation.claims - 1} times without an answer`, now: startedAt }).then(() => {}),
    );
    report.toStaff("claims", service.handlerId);
    return "worked";
  }
  const choice = loaded.slot ? ({ kind: "handler", handler: loaded.slot } as const) : await selectHandler(db, { ...lease, serviceId: service.id }, service, startedAt);
  if (choice.kind === "busy") {
    await release(db, lease, new Date(startedAt.getTime() + (opts.busyRetryMs ?? 500)));
    report.busy();
    return "busy";
  }
  if (choice.kind === "none") {
    await whileLeased(db, lease, (tx) =>
      escalate(tx, { operationId: operation.id, reason: "no_handler", handlerId: null, now: startedAt }).then(() => {}),
    );
    report.toStaff("no_handler", null);
    return "worked";
  }
  opts.onSlot?.();
  const slot = { released: false };
  try {
    const complete = opts.complete ?? ((c: Completion) => completeOperation(db, c));
    await attempt(db, lease, loaded, choice.handler, { clock, startedAt, slot, report, complete });
  } finally {
    if (!slot.released) await releaseSlot(db, { handlerId: choice.handler.id, slot: choice.handler.slot, leaseToken: lease.leaseToken });
  }
  return "worked";
}

type AttemptCtx = { clock: Clock; startedAt: Date; slot: { released: boolean }; report: Report; complete: Complete };

async function attempt(db: Db, lease: Lease, loaded: LoadedOperation, handler: TakenHandler, { clock, startedAt, slot, report, complete }: AttemptCtx): Promise<void> {
  const { operation } = loaded;
  let module: ProcessingModule;
  try {
    module = getModule(handler.module);
  } catch (error) {
    const now = clock.now();
    const moduleError = asModuleError(error);
    report.failed({ handler, startedAt, now }, moduleError, await recordError(db, lease, moduleError, { handlerId: handler.id, log: "", startedAt, now }));
    return;
  }
  if (module.alwaysManual && operation.kind !== "sync") {
    await whileLeased(db, lease, (tx) =>
      escalate(tx, { operationId: operation.id, reason: "manual_handler", handlerId: handler.id, now: startedAt }).then(() => {}),
    );
    report.toStaff("manual_handler", handler.id);
    return;
  }

  const log = createAttemptLog();
  const connection = handlerConnection(handler);
  for (const [key, value] of Object.entries(connection)) {
    if (module.connectionFields.some((f) => f.key === key && f.secret) && typeof value === "string") log.secret(value);
  }
  const info = serviceInfo(loaded, handler);
  for (const value of Object.values(info.secrets)) log.secret(value);
  const secrets = [...Object.values(info.secrets), ...module.connectionFields.filter((f) => f.secret).map((f) => String(connection[f.key] ?? ""))];
  const ctx = { connection, service: info, log, params: operation.params };
  const record = { handlerId: handler.id, slot: handler.slot, startedAt, health: handler.health };
  try {
    if (operation.kind === "sync") {
      const result = await module.sync(ctx);
      const now = clock.now();
      await recordSync(db, lease, loaded, result, { ...record, log: log.text(), now });
      report.synced({ handler, startedAt, now }, result.state);
      return;
    }
    const outcome = await callModule(module, loaded, ctx);
    const now = clock.now();
    const done = await recordOutcome(db, lease, loaded, info.secrets, outcome, { ...record, log: log.text(), now }, complete);
    // The completion statement gave the slot back, whether or not the lease still held.
    if (outcome.status === "done") {
      slot.released = true;
      report.done({ handler, startedAt, now }, done);
      if (done) await queueFollowUp(db, loaded, outcome, now);
    } else report.pending({ handler, startedAt, now });
  } catch (error) {
    const moduleError = log.redactError(asModuleError(error));
    log.line(`error ${moduleError.code}: ${moduleError.message}`);
    const now = clock.now();
    const recorded = await recordError(db, lease, moduleError, { ...record, log: log.text(), now });
    report.failed({ handler, startedAt, now, secrets }, moduleError, recorded);
    // The task stays for staff if the refund cannot be made now (e.g. another change holds the service).
    await refundEndedTransfer(db, loaded, moduleError, Boolean(recorded?.taskId), now).catch(() => false);
  }
}

function callModule(module: ProcessingModule, loaded: LoadedOperation, ctx: Parameters<ProcessingModule["open"]>[0]): Promise<Outcome> {
  const { operation } = loaded;
  if (operation.remoteTask) {
    if (!module.poll) throw new ModuleError("no_poll", `${module.title} cannot poll remote tasks`, false);
    return module.poll(ctx, operation.remoteTask);
  }
  switch (operation.kind) {
    case "open":
      return module.open(ctx);
    case "suspend":
      return module.suspend(ctx);
    case "resume":
      return module.resume(ctx);
    case "close":
      return module.close(ctx);
    case "prolong":
      if (!module.prolong) return Promise.resolve({ status: "done" });
      return module.prolong(ctx);
    case "change_tariff":
      if (!module.changeTariff) throw new ModuleError("unsupported", `${module.title} cannot change tariffs`, false);
      return module.changeTariff(ctx);
    case "manage":
      if (!module.manage) throw new ModuleError("unsupported", `${module.title} cannot change a domain's settings`, false);
      return module.manage(ctx);
    default:
      throw new ModuleError("unsupported", `unknown operation ${operation.kind}`, false);
  }
}

type Rec = { handlerId: number; slot: number; startedAt: Date; log: string; now: Date; health?: string };

async function recordOutcome(db: Db, lease: Lease, loaded: LoadedOperation, secrets: Record<string, string>, outcome: Outcome, r: Rec, complete: Complete) {
  if (outcome.status === "done") return recordDone(db, lease, loaded, secrets, outcome, r, complete);
  await whileLeased(db, lease, async (tx, op) => {
    const polling = op.remoteTask !== null;
    const attempts = polling ? op.attempts : op.attempts + 1;
    await tx
      .update(operations)
      .set({ status: "waiting", attempts, handlerId: r.handlerId, remoteTask: outcome.remoteTask, runAt: new Date(r.now.getTime() + (outcome.pollAfterMs ?? DEFAULT_POLL_MS)), leaseToken: null, leaseUntil: null, updatedAt: r.now })
      .where(eq(operations.id, op.id));
    if (outcome.remoteId) await tx.update(services).set({ remoteId: outcome.remoteId }).where(eq(services.id, op.serviceId));
    if (!polling) await insertAttempt(tx, { id: op.id, attempts }, { ...r, outcome: "pending" });
  });
  return null;
}

/** Done: one statement completes it, while this worker still holds the lease. */
async function recordDone(db: Db, lease: Lease, loaded: LoadedOperation, secrets: Record<string, string>, outcome: Done, r: Rec, complete: Complete) {
  const done = await complete({
    operation: loaded.operation,
    service: completingService(loaded, secrets),
    fence: { leaseToken: lease.leaseToken },
    by: "module",
    attempt: { handlerId: r.handlerId, slot: r.slot, log: r.log, startedAt: r.startedAt },
    remoteId: outcome.remoteId,
    details: outcome.details,
    secrets: outcome.secrets,
    expiresAt: outcome.expiresAt,
    now: r.now,
    note: outcome.adopted ? "found on the panel from an earlier try and taken over" : undefined,
  });
  if (done) await markHealth(db, r.handlerId, null, r.now);
  return done;
}

/** What a sync result means for a person: the object is gone or unusable while the billing sells it. */
const needsPerson = (state: SyncResult["state"], status: string) => (state === "missing" || state === "broken") && (status === "active" || status === "suspended");

async function recordSync(db: Db, lease: Lease, loaded: LoadedOperation, result: SyncResult, r: Rec): Promise<void> {
  const { service } = loaded;
  const escalating = needsPerson(result.state, service.status);
  await whileLeased(db, lease, async (tx, op) => {
    const finished = escalating ? {} : { status: "done" as const, doneBy: "module" as const, finishedAt: r.now, leaseToken: null, leaseUntil: null };
    await tx
      .update(operations)
      .set({ attempts: op.attempts + 1, handlerId: r.handlerId, ...finished })
      .where(eq(operations.id, op.id));
    await insertAttempt(tx, { id: op.id, attempts: op.attempts + 1 }, { ...r, outcome: "done" });
    await markHealth(tx, r.handlerId, null, r.now);
    await tx
      .update(services)
      .set({ lastSyncedAt: r.now, details: { ...service.details, ...(result.details ?? {}) }, expiresAt: result.expiresAt ?? service.expiresAt })
      .where(eq(services.id, service.id));
    const expected = service.status === "suspended" ? "suspended" : "active";
    if (result.state !== expected) {
      await tx.insert(serviceHistory).values({
        serviceId: service.id,
        fromStatus: service.status,
        toStatus: service.status,
        message: "",
        staffNote: `Drift found by sync: the panel says the service is ${result.state}, the billing says ${service.status}${result.reason ? ` (${result.reason})` : ""}`,
      });
    }
    // The sync operation waits for staff with its one task; while it does, no other sync of the service is queued.
    if (escalating) {
      const why = result.reason ?? (result.state === "missing" ? "the object is not on the panel" : "the object is in a failed state");
      await escalate(tx, { operationId: op.id, reason: "escalated", handlerId: r.handlerId, note: `sync: the service is ${service.status} but the panel says ${result.state}: ${why}`, now: r.now });
    }
  });
}
