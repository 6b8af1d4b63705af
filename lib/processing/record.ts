import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Conn, Db, Tx } from "../db";
import { handlers, operationAttempts, operations } from "../db/schema";
import { ModuleError } from "../modules/contract";
import { addSeconds } from "../dates";
import { readSettings } from "../settings";
import { escalate } from "./escalate";

export type Lease = { id: number; leaseToken: string };

/**
 * Runs fn in a transaction only while this worker still holds the operation's lease; returns
 * false (and writes nothing) when the lease was lost to another worker or the operation was
 * switched to manual or cancelled meanwhile.
 */
export async function whileLeased(db: Db, lease: Lease, fn: (tx: Tx, op: typeof operations.$inferSelect) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [op] = await tx
      .select()
      .from(operations)
      .where(and(eq(operations.id, lease.id), eq(operations.leaseToken, lease.leaseToken), eq(operations.status, "running")))
      .for("update");
    if (!op) return false;
    await fn(tx, op);
    return true;
  });
}

export type AttemptRecord = {
  handlerId: number | null;
  log: string;
  startedAt: Date;
  now: Date;
};

export async function insertAttempt(
  tx: Tx,
  op: { id: number; attempts: number },
  a: AttemptRecord & { outcome: "done" | "pending" | "error"; error?: ModuleError },
): Promise<number> {
  const [row] = await tx.insert(operationAttempts).values({
    operationId: op.id,
    number: op.attempts,
    handlerId: a.handlerId,
    outcome: a.outcome,
    retryable: a.error ? a.error.retryable : null,
    errorCode: a.error?.code ?? null,
    errorMessage: a.error?.message ?? null,
    log: a.log,
    startedAt: a.startedAt,
    finishedAt: a.now,
  }).returning({ id: operationAttempts.id });
  return row!.id;
}

const HEALTH_CODES = /^(network|timeout|http_5\d\d|auth)$/;

/**
 * An attempt's answer as the handler's health, unless a check or attempt newer than it already set
 * it: health follows the latest check or attempt, whichever is newer. The health the attempt was
 * claimed with is not trusted to skip the write: a check may have changed it since.
 */
export async function markHealth(tx: Conn, handlerId: number | null, error: ModuleError | null, now: Date): Promise<void> {
  if (handlerId === null) return;
  if (error && !HEALTH_CODES.test(error.code)) return;
  await tx
    .update(handlers)
    .set({ health: error ? "failing" : "healthy", healthMessage: error ? error.message : null, healthCheckedAt: now })
    .where(
      and(
        eq(handlers.id, handlerId),
        sql`${handlers.health} is distinct from ${error ? "failing" : "healthy"}`,
        or(isNull(handlers.healthCheckedAt), lte(handlers.healthCheckedAt, now)),
      ),
    );
}

export type ErrorRecorded = { attempt: number; attemptId: number; retryAt: Date | null; taskId: number | null };

/** A failed attempt: retried after the retry interval, or switched to manual with its one task. */
export async function recordError(db: Db, lease: Lease, error: ModuleError, a: AttemptRecord & { health?: string }): Promise<ErrorRecorded | null> {
  let recorded: ErrorRecorded | null = null;
  await whileLeased(db, lease, async (tx, op) => {
    const attempts = op.attempts + 1;
    const attemptId = await insertAttempt(tx, { id: op.id, attempts }, { ...a, outcome: "error", error });
    await markHealth(tx, a.handlerId, error, a.now);
    const settings = await readSettings(tx);
    if (error.retryable && attempts < settings.maxAttempts) {
      const retryAt = addSeconds(a.now, settings.retryIntervalSeconds);
      await tx
        .update(operations)
        .set({ attempts, handlerId: a.handlerId, status: "queued", runAt: retryAt, leaseToken: null, leaseUntil: null, lastError: `${error.code}: ${error.message}`, updatedAt: a.now })
        .where(eq(operations.id, op.id));
      recorded = { attempt: attempts, attemptId, retryAt, taskId: null };
      return;
    }
    await tx.update(operations).set({ attempts, handlerId: a.handlerId }).where(eq(operations.id, op.id));
    const why = error.retryable ? `failed ${attempts} times` : "failed with an error that a retry cannot fix";
    const taskId = await escalate(tx, { operationId: op.id, reason: "escalated", handlerId: a.handlerId, note: `${why}: ${error.code}: ${error.message}`, now: a.now });
    recorded = { attempt: attempts, attemptId, retryAt: null, taskId };
  });
  return recorded;
}

/**
 * Puts a claimed operation back without counting an attempt or the claim (its handler is busy):
 * waiting for a free slot never escalates an operation.
 */
export async function release(db: Db, lease: Lease, runAt: Date): Promise<void> {
  await db
    .update(operations)
    .set({ status: sql`case when ${operations.remoteTask} is null then 'queued' else 'waiting' end`, runAt, leaseToken: null, leaseUntil: null, claims: sql`greatest(${operations.claims} - 1, 0)` })
    .where(and(eq(operations.id, lease.id), eq(operations.leaseToken, lease.leaseToken), eq(operations.status, "running")));
}

export function asModuleError(error: unknown): ModuleError {
  if (error instanceof ModuleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModuleError("unexpected", message, true);
}
