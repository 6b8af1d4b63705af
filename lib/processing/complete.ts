import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { clients, operations, serviceHistory, services, tariffs } from "../db/schema";
import { decryptJson, encryptJson } from "../crypto";
import { enqueueEmail } from "../email/enqueue";
import { serviceEmail } from "../email/service-emails";
import { enqueueWebhookEvent } from "../webhooks/enqueue";
import { addMonths } from "../dates";
import { doneMessage, emailEventFor, statusAfter, webhookEventFor } from "./status";

export type Completion = {
  operationId: number;
  /** The operation row when the caller already marked it done in its fencing update. */
  operation?: typeof operations.$inferSelect;
  by: "module" | "staff";
  remoteId?: string;
  details?: Record<string, string>;
  secrets?: Record<string, string>;
  expiresAt?: Date;
  actorUserId?: number | null;
  now: Date;
  note?: string;
};

/**
 * Finishes an operation in the caller's transaction (the operation row must already be locked or
 * fenced by the caller): operation done, service status and details, a history row, the client's
 * email and the webhook events, all or nothing.
 */
export async function completeOperation(tx: Tx, c: Completion): Promise<void> {
  const [op] = c.operation
    ? [c.operation]
    : await tx
        .update(operations)
        .set({ status: "done", doneBy: c.by, finishedAt: c.now, updatedAt: c.now, leaseToken: null, leaseUntil: null, lastError: null })
        .where(eq(operations.id, c.operationId))
        .returning();
  if (!op) throw new Error(`operation ${c.operationId} vanished`);
  const [row] = await tx
    .select({ service: services, tariffName: tariffs.name, clientEmail: clients.email })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(eq(services.id, op.serviceId))
    .for("update", { of: services });
  if (!row) throw new Error(`service ${op.serviceId} vanished`);
  const { service } = row;
  const secrets = { ...decryptJson(service.secrets), ...(c.secrets ?? {}) };
  const details = { ...service.details, ...(c.details ?? {}) };
  const next = statusAfter(op.kind);
  let expiresAt = c.expiresAt ?? service.expiresAt;
  if (op.kind === "open" && !c.expiresAt) expiresAt = addMonths(c.now, service.months);
  if (op.kind === "prolong" && !c.expiresAt) {
    const months = Number(op.params.months ?? service.months);
    expiresAt = addMonths(service.expiresAt && service.expiresAt > c.now ? service.expiresAt : c.now, months);
  }
  const tariffId = op.kind === "change_tariff" && typeof op.params.tariffId === "number" ? op.params.tariffId : service.tariffId;
  await tx
    .update(services)
    .set({
      status: next ?? service.status,
      // another operation may still be queued for the service (e.g. resume after prolong)
      pending: sql`(select o.kind from operations o where o.service_id = ${service.id} and o.id <> ${op.id} and o.kind <> 'sync'
                    and o.status in ('queued', 'running', 'waiting', 'manual') order by o.id limit 1)`,
      details,
      secrets: Object.keys(secrets).length ? encryptJson(secrets) : null,
      remoteId: c.remoteId ?? service.remoteId,
      expiresAt,
      tariffId,
      updatedAt: c.now,
    })
    .where(eq(services.id, service.id));
  const byHand = c.by === "staff" ? " (by staff)" : "";
  await tx.insert(serviceHistory).values({
    serviceId: service.id,
    fromStatus: service.status,
    toStatus: next ?? service.status,
    message: `${doneMessage[op.kind]}${byHand}${c.note ? `: ${c.note}` : ""}`,
    actorUserId: c.actorUserId ?? null,
  });
  const event = emailEventFor[op.kind];
  const changed = next !== null && next !== service.status;
  if (event && (changed || op.kind === "prolong")) {
    const mail = serviceEmail(event, {
      id: service.id,
      productType: service.productType,
      tariffName: row.tariffName,
      details,
      secrets,
      params: service.params,
      expiresAt,
    });
    await enqueueEmail(tx, {
      dedupeKey: `${event}:op:${op.id}`,
      to: row.clientEmail,
      ...mail,
      clientId: service.clientId,
      serviceId: service.id,
      runAt: c.now,
    });
  }
  if (changed && (next === "active" || next === "suspended" || next === "closed")) {
    await enqueueWebhookEvent(tx, webhookEventFor[next], `${webhookEventFor[next]}:op:${op.id}`, {
      serviceId: service.id,
      clientId: service.clientId,
      operationId: op.id,
      status: next,
    });
  }
}
