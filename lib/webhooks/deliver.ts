import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { systemClock, type Clock } from "../clock";
import { decrypt } from "../crypto";
import type { Db } from "../db";
import { webhookEndpoints, webhookOutbox } from "../db/schema";
import { SIGNATURE_HEADER, signWebhook } from "./signature";

export { verifyWebhookSignature } from "./signature";

export const MAX_WEBHOOK_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

export type DeliverWebhooksOptions = { clock?: Clock; limit?: number; leaseMs?: number; timeoutMs?: number };
export type DeliverWebhooksResult = { sent: number; failed: number; retried: number };

/** The delay before try n + 1 after n failed tries. */
export const webhookBackoffMs = (attempts: number) => BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;

/**
 * Claims due webhook deliveries under a lease (SKIP LOCKED, so runners share them), posts each signed
 * body to its endpoint with a timeout, and retries non-2xx answers and network errors with backoff;
 * after MAX_WEBHOOK_ATTEMPTS tries a delivery is failed. The outbox id is sent as the delivery id.
 */
export async function deliverWebhooks(db: Db, options: DeliverWebhooksOptions = {}): Promise<DeliverWebhooksResult> {
  const { clock = systemClock, limit = 20, leaseMs = LEASE_MS, timeoutMs = TIMEOUT_MS } = options;
  const result: DeliverWebhooksResult = { sent: 0, failed: 0, retried: 0 };
  const claimed = await claim(db, clock.now(), limit, leaseMs);
  await Promise.all(
    claimed.map(async (row) => {
      const mine = and(eq(webhookOutbox.id, row.id), eq(webhookOutbox.status, "sending"), eq(webhookOutbox.attempts, row.attempts));
      let responseStatus: number | null = null;
      try {
        if (!row.enabled) throw new GiveUp("The endpoint is disabled");
        const body = JSON.stringify({ id: row.id, ...row.payload });
        const response = await fetch(row.url, {
          method: "POST",
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            "content-type": "application/json",
            "user-agent": "Provisio-Webhooks/1",
            "x-provisio-event": row.event,
            "x-provisio-delivery": String(row.id),
            [SIGNATURE_HEADER]: signWebhook(decrypt(row.secret), body, Math.floor(clock.now().getTime() / 1000)),
          },
        });
        responseStatus = response.status;
        const text = (await response.text().catch(() => "")).slice(0, 200);
        if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ""}`);
        await db
          .update(webhookOutbox)
          .set({ status: "sent", deliveredAt: clock.now(), responseStatus, leaseUntil: null, lastError: null })
          .where(mine);
        result.sent++;
      } catch (error) {
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = error instanceof GiveUp || row.attempts >= MAX_WEBHOOK_ATTEMPTS;
        const runAt = new Date(clock.now().getTime() + webhookBackoffMs(row.attempts));
        await db
          .update(webhookOutbox)
          .set(failed ? { status: "failed", leaseUntil: null, lastError, responseStatus } : { status: "queued", leaseUntil: null, lastError, responseStatus, runAt })
          .where(mine);
        if (failed) result.failed++;
        else result.retried++;
      }
    }),
  );
  return result;
}

class GiveUp extends Error {}

async function claim(db: Db, now: Date, limit: number, leaseMs: number) {
  const due = db
    .select({ id: webhookOutbox.id })
    .from(webhookOutbox)
    .where(
      or(
        and(eq(webhookOutbox.status, "queued"), lte(webhookOutbox.runAt, now)),
        and(eq(webhookOutbox.status, "sending"), lt(webhookOutbox.leaseUntil, now)),
      ),
    )
    .orderBy(webhookOutbox.runAt, webhookOutbox.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(webhookOutbox)
    .set({ status: "sending", leaseUntil: new Date(now.getTime() + leaseMs), attempts: sql`${webhookOutbox.attempts} + 1` })
    .where(inArray(webhookOutbox.id, due))
    .returning({ id: webhookOutbox.id, endpointId: webhookOutbox.endpointId, event: webhookOutbox.event, payload: webhookOutbox.payload, attempts: webhookOutbox.attempts });
  if (rows.length === 0) return [];
  const endpoints = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, [...new Set(rows.map((r) => r.endpointId))]));
  return rows.flatMap((row) => {
    const endpoint = endpoints.find((e) => e.id === row.endpointId);
    return endpoint ? [{ ...row, url: endpoint.url, secret: endpoint.secret, enabled: endpoint.enabled }] : [];
  });
}
