import { and, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { operations, services } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { now, parseInput, requireStaff, type Ctx } from "../context";
import { resumeService } from "./resume";
import { suspendService } from "./suspend";

export const requestOperationInput = z.object({
  serviceId: z.number().int().positive().max(2_147_483_647),
  kind: z.enum(["suspend", "resume", "close", "sync"]),
});

const allowedFrom = {
  suspend: ["active"],
  resume: ["suspended"],
  close: ["active", "suspended"],
  sync: ["active", "suspended"],
} as const;

/**
 * Staff ask for an operation on a service (suspend, resume, close, sync now); the runner does it.
 * Suspend (of an active service) and resume (of a suspended one) go through their verbs: suspending
 * records the reason `admin`, resuming lifts the service's own reasons.
 */
export async function requestServiceOperation({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: number; created: boolean }> {
  requireStaff(ctx.actor);
  const data = parseInput(requestOperationInput, input);
  if (data.kind === "suspend" || data.kind === "resume") {
    const [service] = await ctx.db.select({ status: services.status }).from(services).where(eq(services.id, data.serviceId));
    if (!service) throw notFound("Service not found");
    if (!(allowedFrom[data.kind] as readonly string[]).includes(service.status)) throw conflict(`A ${service.status} service cannot be asked to ${data.kind}`);
    const input = { serviceId: data.serviceId, reason: "admin" };
    const result = data.kind === "suspend" ? await suspendService({ ctx, input }) : await resumeService({ ctx, input });
    if (result.id === null) throw conflict(`The service's status changed meanwhile; nothing was queued`);
    return { id: result.id, created: result.created };
  }
  return ctx.db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, data.serviceId)).for("update");
    if (!service) throw notFound("Service not found");
    if (!(allowedFrom[data.kind] as readonly string[]).includes(service.status)) {
      throw conflict(`A ${service.status} service cannot be asked to ${data.kind}`);
    }
    const [closing] = await tx
      .select({ id: operations.id })
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "close"), inArray(operations.status, ["queued", "running", "waiting", "manual"]), lte(operations.runAt, now(ctx))));
    // A close waiting for the end of the paid period does not stop anything before then.
    if (closing && data.kind !== "close") throw conflict(`This service is being closed, so it cannot be asked to ${data.kind}`);
    const result = await enqueueOperation(tx, { serviceId: service.id, kind: data.kind });
    await audit(tx, ctx.actor, { action: `service.${data.kind}`, entity: "service", entityId: service.id, after: { operationId: result.id } });
    return result;
  });
}
