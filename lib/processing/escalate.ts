import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { handlers, operations, serviceHistory, services, tasks } from "../db/schema";
import type { TaskReason } from "../vocabulary";
import { notifyTask } from "../notifications/notify-task";
import { taskReasonText as reasonText } from "../notifications/task-words";
import { readSettings } from "../settings";
import { enqueueWebhookEvent } from "../webhooks/enqueue";

/**
 * Turns an operation into work for people, in the caller's transaction: the operation becomes
 * `manual` and its one task (unique per operation) is created, or reopened if it existed, in the
 * handler's department or the default department, and its department is told (lib/notifications).
 */
export async function escalate(
  tx: Tx,
  input: { operationId: number; reason: TaskReason; handlerId: number | null; note?: string; now: Date },
): Promise<number> {
  const [op] = await tx
    .update(operations)
    .set({ status: "manual", leaseToken: null, leaseUntil: null, updatedAt: input.now, lastError: input.note ?? null })
    .where(eq(operations.id, input.operationId))
    .returning();
  if (!op) throw new Error(`operation ${input.operationId} vanished`);
  let departmentId: number | null = null;
  if (input.handlerId !== null) {
    const [h] = await tx.select({ d: handlers.departmentId }).from(handlers).where(eq(handlers.id, input.handlerId));
    departmentId = h?.d ?? null;
  }
  departmentId ??= (await readSettings(tx)).defaultDepartmentId;
  const [task] = await tx
    .insert(tasks)
    .values({ operationId: op.id, serviceId: op.serviceId, departmentId, reason: input.reason, note: input.note ?? null })
    .onConflictDoUpdate({
      target: tasks.operationId,
      set: { status: "new", reason: input.reason, note: input.note ?? null, assigneeId: null, departmentId, closedAt: null, closedById: null, createdAt: sql`now()` },
    })
    .returning({ id: tasks.id });
  const [service] = await tx.select({ status: services.status, clientId: services.clientId }).from(services).where(eq(services.id, op.serviceId));
  if (service && input.reason !== "manual_handler") {
    await tx.insert(serviceHistory).values({
      serviceId: op.serviceId,
      fromStatus: service.status,
      toStatus: service.status,
      message: "Our team is finishing this by hand",
      staffNote: `${op.kind}: ${reasonText[input.reason]}`,
    });
  }
  const data = { operationId: op.id, serviceId: op.serviceId, kind: op.kind, taskId: task!.id, reason: input.reason, error: input.note ?? null };
  if (input.reason === "escalated") await enqueueWebhookEvent(tx, "operation.failed", `operation.failed:op:${op.id}:${op.attempts}`, data);
  await enqueueWebhookEvent(tx, "operation.manual", `operation.manual:op:${op.id}:${op.attempts}`, data);
  await notifyTask(tx, { taskId: task!.id, event: input.reason === "escalated" ? "escalated" : "new", now: input.now });
  return task!.id;
}
