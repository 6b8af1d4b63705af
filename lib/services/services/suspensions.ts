import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "../../db";
import { operations, serviceHistory, serviceSuspensions, services, tasks } from "../../db/schema";
import { enqueueOperation } from "../../processing/enqueue";
import type { ServiceStatus, SuspensionReason, SuspensionScope } from "../../vocabulary";

import { suspendedEmailReason } from "./suspension-words";

export { suspensionWords } from "./suspension-words";

type Target = { id: number; status: ServiceStatus };

/** Reasons a service holds now (not lifted). */
export async function heldSuspensions(tx: Tx, serviceId: number) {
  return tx.select().from(serviceSuspensions).where(and(eq(serviceSuspensions.serviceId, serviceId), isNull(serviceSuspensions.liftedAt)));
}

/** Queued and never taken by a worker: nothing of it has reached the panel. */
const neverTried = and(eq(operations.status, "queued"), eq(operations.claims, 0), eq(operations.attempts, 0));
/** Queued again after a try (a retry, or a lease that ran out): the panel may have done it already. */
const tried = and(eq(operations.status, "queued"), sql`(${operations.claims} > 0 or ${operations.attempts} > 0)`);

/** Cancels a service's operations of a kind that have not started (never tried, or waiting for staff) with their tasks. */
async function cancelNotStarted(tx: Tx, serviceId: number, kind: "suspend" | "resume", at: Date, why: string): Promise<number[]> {
  const cancelled = await tx
    .update(operations)
    .set({ status: "cancelled", finishedAt: at, updatedAt: at, leaseToken: null, leaseUntil: null })
    .where(and(eq(operations.serviceId, serviceId), eq(operations.kind, kind), or(neverTried, eq(operations.status, "manual"))))
    .returning({ id: operations.id });
  const ids = cancelled.map((o) => o.id);
  if (ids.length === 0) return ids;
  await tx.update(tasks).set({ status: "cancelled", closedAt: at }).where(and(inArray(tasks.operationId, ids), inArray(tasks.status, ["new", "in_progress"])));
  const [service] = await tx.select({ status: services.status }).from(services).where(eq(services.id, serviceId));
  await tx.insert(serviceHistory).values({ serviceId, fromStatus: service!.status, toStatus: service!.status, message: "", staffNote: `${kind} cancelled: ${why}`, createdAt: at });
  return ids;
}

/** True while an operation of this kind is being carried out (claimed, waiting on the panel, or queued for a retry). */
async function inFlight(tx: Tx, serviceId: number, kind: "suspend" | "resume"): Promise<boolean> {
  const [row] = await tx
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.serviceId, serviceId), eq(operations.kind, kind), or(inArray(operations.status, ["running", "waiting"]), tried)));
  return Boolean(row);
}

async function refreshPending(tx: Tx, serviceId: number): Promise<void> {
  await tx
    .update(services)
    .set({
      pending: sql`(select o.kind from ${operations} o where o.service_id = ${serviceId} and o.kind <> 'sync'
                    and o.status in ('queued', 'running', 'waiting', 'manual') order by o.id limit 1)`,
    })
    .where(eq(services.id, serviceId));
}

/**
 * Records a reason to suspend a locked service, in the caller's transaction. An active service
 * (or one being resumed) gets a `suspend` operation; a resume not started yet is cancelled; a
 * service still being set up is suspended as soon as its set-up ends (the completion does it).
 * `held` is false when the service already held this reason.
 */
export async function holdSuspension(
  tx: Tx,
  service: Target,
  input: { reason: SuspensionReason; scope: SuspensionScope; note?: string | null; byUserId: number | null; at: Date },
): Promise<{ held: boolean; operationId: number | null; created: boolean }> {
  const [row] = await tx
    .insert(serviceSuspensions)
    .values({ serviceId: service.id, reason: input.reason, scope: input.scope, note: input.note ?? null, byUserId: input.byUserId, createdAt: input.at })
    .onConflictDoNothing()
    .returning({ id: serviceSuspensions.id });
  if (service.status === "closed" || service.status === "ordered" || service.status === "processing") return { held: Boolean(row), operationId: null, created: false };
  await cancelNotStarted(tx, service.id, "resume", input.at, `suspended (${input.reason})`);
  let queued: { id: number; created: boolean } | null = null;
  if (service.status === "active" || (await inFlight(tx, service.id, "resume"))) {
    queued = await enqueueOperation(tx, { serviceId: service.id, kind: "suspend", params: suspendParams(input), runAt: input.at });
  }
  await refreshPending(tx, service.id);
  return { held: Boolean(row), operationId: queued?.id ?? null, created: queued?.created ?? false };
}

/** The parameters of the `suspend` operation a reason queues (the client's note says why). */
export function suspendParams(input: { reason: SuspensionReason; scope: SuspensionScope; note?: string | null }) {
  const clientNote = [suspendedEmailReason({ reason: input.reason }), input.note].filter(Boolean).join(" ");
  return { reason: input.reason, scope: input.scope, clientNote, note: input.note ?? null };
}

/**
 * Lifts reasons of a locked service (of one scope, and only the given reasons when named). When
 * none is left, suspend operations not started yet are cancelled with their tasks, and a suspended
 * service (or one being suspended right now) gets a `resume` operation.
 */
export async function liftSuspensions(
  tx: Tx,
  service: Target,
  input: { scope: SuspensionScope; reasons?: SuspensionReason[]; byUserId: number | null; at: Date },
): Promise<{ lifted: SuspensionReason[]; remaining: SuspensionReason[]; operationId: number | null }> {
  const lifted = await tx
    .update(serviceSuspensions)
    .set({ liftedAt: input.at, liftedById: input.byUserId })
    .where(
      and(
        eq(serviceSuspensions.serviceId, service.id),
        eq(serviceSuspensions.scope, input.scope),
        isNull(serviceSuspensions.liftedAt),
        input.reasons ? inArray(serviceSuspensions.reason, input.reasons) : undefined,
      ),
    )
    .returning({ reason: serviceSuspensions.reason });
  const remaining = (await heldSuspensions(tx, service.id)).map((s) => s.reason);
  const reasons = lifted.map((l) => l.reason);
  if (lifted.length === 0 || remaining.length > 0) return { lifted: reasons, remaining, operationId: null };
  return { lifted: reasons, remaining, operationId: await resumeIfNothingHeld(tx, service, input.at, reasons.join(", ")) };
}

/** With no reason left: cancels suspends not started, and resumes a suspended (or being suspended) service. */
export async function resumeIfNothingHeld(tx: Tx, service: Target, at: Date, why: string): Promise<number | null> {
  await cancelNotStarted(tx, service.id, "suspend", at, `suspension lifted (${why})`);
  let operationId: number | null = null;
  if (service.status === "suspended" || (await inFlight(tx, service.id, "suspend"))) {
    operationId = (await enqueueOperation(tx, { serviceId: service.id, kind: "resume", params: { reason: why }, runAt: at })).id;
  }
  await refreshPending(tx, service.id);
  return operationId;
}
