import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, departmentMembers, handlers, operations, services, tariffs, tasks, users } from "../../db/schema";
import { decryptJson } from "../../crypto";
import { AppError, conflict, forbidden, notFound } from "../../errors";
import { formSchema, splitSecrets } from "../../modules/field-schema";
import { getModule } from "../../modules/registry";
import { completeOperation } from "../../processing/complete";
import { enqueueWebhookEvent } from "../../webhooks/enqueue";
import { audit } from "../audit";
import { takesDetails } from "./prefill";
import { actorUserId, isAdmin, now, parseInput, requireStaff, type Ctx } from "../context";

export const closeTaskInput = z.object({
  taskId: z.number().int().positive().max(2_147_483_647),
  fields: z.record(z.string(), z.string()).default({}),
  note: z.string().trim().max(2000).optional(),
  /** What the client reads in the service's history; the note above stays internal. */
  clientMessage: z.string().trim().max(500).optional(),
});

/**
 * Staff close a task: the form is checked against the module's service fields, the operation is
 * done by hand, the service gets its status and the client the email. Of two staff closing the
 * same task at once, one wins; the other is told who did.
 */
export async function closeTask({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(closeTaskInput, input);
  return ctx.db.transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, data.taskId)).for("update");
    if (!task) throw notFound("Task not found");
    if (!isAdmin(ctx.actor) && ctx.actor.type === "user") {
      const member = await tx.select().from(departmentMembers).where(eq(departmentMembers.userId, ctx.actor.userId));
      if (!member.some((m) => m.departmentId === task.departmentId)) throw forbidden("This task belongs to another department");
    }
    if (task.status === "done" || task.status === "cancelled") {
      const [by] = task.closedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, task.closedById)) : [];
      throw conflict(`This task was already ${task.status === "done" ? "closed" : "cancelled"}${by ? ` by ${by.name}` : ""}`);
    }
    const [op] = await tx.select().from(operations).where(eq(operations.id, task.operationId)).for("update");
    if (!op || op.status !== "manual") throw conflict(`The operation is ${op?.status ?? "gone"}, not waiting for staff`);
    const [found] = await tx
      .select({ service: services, tariffName: tariffs.name, clientEmail: clients.email })
      .from(services)
      .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
      .innerJoin(clients, eq(clients.id, services.clientId))
      .where(eq(services.id, op.serviceId));
    if (!found) throw notFound("Service not found");
    const { service } = found;
    const [handler] = service.handlerId ? await tx.select().from(handlers).where(eq(handlers.id, service.handlerId)) : [];
    // Suspend, resume and close tasks take no details: they are a confirmation with a note.
    const fields = takesDetails(op.kind) ? getModule(handler?.module ?? "manual").serviceFields : [];
    const parsed = formSchema(fields, op.kind === "open").safeParse(data.fields);
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const i of parsed.error.issues) (errors[`fields.${i.path.join(".")}`] ??= []).push(i.message);
      throw new AppError("validation", "Some fields are not valid", { fields: errors });
    }
    const { details, secrets } = splitSecrets(fields, parsed.data as Record<string, string | undefined>);
    const at = now(ctx);
    const expiry = details.expires_at ?? details.expiry;
    await completeOperation(tx, {
      operation: op,
      service: { ...service, secrets: decryptJson(service.secrets), tariffName: found.tariffName, clientEmail: found.clientEmail },
      fence: { manual: true }, by: "staff", details, secrets, now: at, actorUserId: actorUserId(ctx.actor), note: data.note, clientMessage: data.clientMessage,
      expiresAt: expiry ? new Date(`${expiry}T00:00:00Z`) : undefined,
    });
    await tx
      .update(tasks)
      .set({ status: "done", closedAt: at, closedById: actorUserId(ctx.actor), assigneeId: task.assigneeId ?? actorUserId(ctx.actor), result: details })
      .where(eq(tasks.id, task.id));
    await enqueueWebhookEvent(tx, "task.closed", `task.closed:${task.id}`, { taskId: task.id, operationId: op.id, serviceId: op.serviceId, kind: op.kind });
    await audit(tx, ctx.actor, { action: "task.close", entity: "task", entityId: task.id, before: { status: task.status }, after: { status: "done", details } });
    return { taskId: task.id, operationId: op.id, serviceId: op.serviceId };
  });
}
