import { inArray } from "drizzle-orm";
import { systemClock, type Clock } from "../clock";
import { decrypt } from "../crypto";
import type { Db } from "../db";
import { webhookEndpoints, webhookOutbox } from "../db/schema";
import { deliverBatch, deliveryBackoffMs, GiveUp, MAX_DELIVERY_ATTEMPTS, type DeliveryResult } from "../outbox/deliver-batch";
import { SIGNATURE_HEADER, signWebhook } from "./signature";

export { verifyWebhookSignature } from "./signature";

export const MAX_WEBHOOK_ATTEMPTS = MAX_DELIVERY_ATTEMPTS;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export type DeliverWebhooksOptions = { clock?: Clock; limit?: number; leaseMs?: number; timeoutMs?: number };
export type DeliverWebhooksResult = DeliveryResult;

/** The delay before try n + 1 after n failed tries. */
export const webhookBackoffMs = deliveryBackoffMs;

/**
 * Claims due webhook deliveries under a lease (SKIP LOCKED, so runners share them), posts each signed
 * body to its endpoint with a timeout, and retries non-2xx answers and network errors with backoff;
 * after MAX_WEBHOOK_ATTEMPTS tries a delivery is failed. The outbox id is sent as the delivery id.
 */
export async function deliverWebhooks(db: Db, options: DeliverWebhooksOptions = {}): Promise<DeliverWebhooksResult> {
  const { clock = systemClock, limit = 20, leaseMs = LEASE_MS, timeoutMs = TIMEOUT_MS } = options;
  return deliverBatch(db, webhookOutbox, {
    clock,
    limit,
    leaseMs,
    async complete(rows) {
      const endpoints = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, [...new Set(rows.map((r) => r.endpointId))]));
      return rows.flatMap((row) => {
        const endpoint = endpoints.find((e) => e.id === row.endpointId);
        return endpoint ? [{ ...row, url: endpoint.url, secret: endpoint.secret, enabled: endpoint.enabled }] : [];
      });
    },
    send(row) {
      if (!row.enabled) throw new GiveUp("The endpoint is disabled");
      const body = JSON.stringify({ id: row.id, ...row.payload });
      return fetch(row.url, {
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
    },
  });
}
