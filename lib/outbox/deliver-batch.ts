import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db";
import type { chatOutbox, webhookOutbox } from "../db/schema";

/** The outboxes delivered over HTTP: both have the same delivery columns (status, attempts, runAt, leaseUntil, …). */
export type HttpOutbox = typeof webhookOutbox | typeof chatOutbox;
type Row<T extends HttpOutbox> = T["$inferSelect"];

export const MAX_DELIVERY_ATTEMPTS = 8;
const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

/** The delay before try n + 1 after n failed tries. */
export const deliveryBackoffMs = (attempts: number) => BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;

/** Thrown by a sender when trying again cannot help (the endpoint is gone or disabled): the row fails at once. */
export class GiveUp extends Error {}

export type DeliveryResult = { sent: number; failed: number; retried: number };

export type DeliverBatchOptions<T extends HttpOutbox, R extends Row<T>> = {
  clock: Clock;
  limit: number;
  leaseMs: number;
  /** What a claimed row needs to be sent (its endpoint, its department); rows left out stay claimed until their lease runs out. */
  complete(rows: Row<T>[]): Promise<R[]>;
  /** Sends one row; a response that is not 2xx is retried. */
  send(row: R): Promise<Response>;
};

/**
 * Claims due rows of an outbox under a lease (SKIP LOCKED, so runners share them; a row whose lease
 * ran out is claimed again), sends each, and marks it sent, or queued again after a backoff, or
 * failed after MAX_DELIVERY_ATTEMPTS tries or a GiveUp. A row is only updated while it is still the
 * claim this batch made (status and attempts unchanged).
 */
export async function deliverBatch<T extends HttpOutbox, R extends Row<T>>(db: Db, table: T, options: DeliverBatchOptions<T, R>): Promise<DeliveryResult> {
  // One of two tables with the same delivery columns: typed as the first so the updates type-check.
  const outbox = table as typeof webhookOutbox;
  const { clock } = options;
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  const now = clock.now();
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(and(eq(outbox.status, "queued"), lte(outbox.runAt, now)), and(eq(outbox.status, "sending"), lt(outbox.leaseUntil, now))))
    .orderBy(outbox.runAt, outbox.id)
    .limit(options.limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ status: "sending", leaseUntil: new Date(now.getTime() + options.leaseMs), attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  if (claimed.length === 0) return result;
  const rows = await options.complete(claimed as Row<T>[]);
  await Promise.all(
    rows.map(async (row) => {
      const mine = and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.attempts, row.attempts));
      let responseStatus: number | null = null;
      try {
        const response = await options.send(row);
        responseStatus = response.status;
        const text = (await response.text().catch(() => "")).slice(0, 200);
        if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ""}`);
        await db.update(outbox).set({ status: "sent", deliveredAt: clock.now(), responseStatus, leaseUntil: null, lastError: null }).where(mine);
        result.sent++;
      } catch (error) {
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = error instanceof GiveUp || row.attempts >= MAX_DELIVERY_ATTEMPTS;
        const runAt = new Date(clock.now().getTime() + deliveryBackoffMs(row.attempts));
        await db
          .update(outbox)
          .set(failed ? { status: "failed", leaseUntil: null, lastError, responseStatus } : { status: "queued", leaseUntil: null, lastError, responseStatus, runAt })
          .where(mine);
        if (failed) result.failed++;
        else result.retried++;
      }
    }),
  );
  return result;
}
