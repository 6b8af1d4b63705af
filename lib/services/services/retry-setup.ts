import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { operations, serviceHistory, services, tasks } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { enqueueOperation } from "../../processing/enqueue";
import { notifyRunners } from "../../processing/wake";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

export const retrySetupInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * An admin tries the set-up of a service again now: its failed or waiting set-up runs again with a
 * fresh set of attempts (a task waiting for staff is put aside), or a new one is queued when the
 * last was cancelled.
 */
export async function retrySetup({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { serviceId } = parseInput(retrySetupInput, input);
  const at = now(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, serviceId)).for("update");
    if (!service) throw notFound("Service not found");
    if (service.status !== "processing" && service.status !== "ordered") throw conflict(`The service is ${service.status}: only a set-up can be tried again`);
    const [op] = await tx
      .select()
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "open"), inArray(operations.status, ["queued", "running", "waiting", "manual"])))
      .for("update");
    if (op?.status === "running") throw conflict("The set-up is running right now");
    let operationId: number;
    if (op) {
      await tx.update(operations).set({ status: op.remoteTask ? "waiting" : "queued", attempts: 0, claims: 0, runAt: at, updatedAt: at, leaseToken: null, leaseUntil: null }).where(eq(operations.id, op.id));
      await tx.update(tasks).set({ status: "cancelled", closedAt: at, note: "Set-up tried again" }).where(and(eq(tasks.operationId, op.id), inArray(tasks.status, ["new", "in_progress"])));
      await tx.update(services).set({ pending: "open", updatedAt: at }).where(eq(services.id, service.id));
      await notifyRunners(tx);
      operationId = op.id;
    } else {
      operationId = (await enqueueOperation(tx, { serviceId: service.id, kind: "open", runAt: at })).id;
    }
    await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: "Being set up again", actorUserId: actorUserId(ctx.actor), createdAt: at });
    await audit(tx, ctx.actor, { action: "service.retry_setup", entity: "service", entityId: service.id, after: { operationId } });
    return { operationId };
  });
  await dispatchOperations([result.operationId]);
  return result;
}
