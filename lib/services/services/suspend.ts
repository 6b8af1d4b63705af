import { and, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { operations, services } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { suspensionReasons } from "../../vocabulary";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireStaff, type Ctx } from "../context";
import { holdSuspension } from "./suspensions";

export const suspendServiceInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.enum(suspensionReasons, { message: "Choose why the service is suspended" }),
  /** What the client is told, beside the reason. */
  note: z.string().trim().max(500).optional(),
});

/**
 * Suspends a service for a reason. An active service gets a `suspend` operation; one already
 * suspended keeps the reason too (lifting another reason will not resume it); one being set up is
 * suspended as soon as its set-up is done.
 */
export async function suspendService({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(suspendServiceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, data.serviceId)).for("update");
    if (!service) throw notFound("Service not found");
    if (!["processing", "active", "suspended"].includes(service.status)) throw conflict(`A ${service.status} service cannot be suspended`);
    const [closing] = await tx
      .select({ id: operations.id })
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "close"), inArray(operations.status, ["queued", "running", "waiting", "manual"]), lte(operations.runAt, now(ctx))));
    // A close waiting for the end of the paid period does not stop a suspension before then.
    if (closing) throw conflict("This service is being closed, so it cannot be suspended");
    const result = await holdSuspension(tx, service, { reason: data.reason, scope: "service", note: data.note, byUserId: actorUserId(ctx.actor), at: now(ctx) });
    if (!result.held && result.operationId === null) throw conflict("The service is already suspended for this reason");
    await audit(tx, ctx.actor, {
      action: "service.suspend",
      entity: "service",
      entityId: service.id,
      after: { reason: data.reason, note: data.note ?? null, operationId: result.operationId },
    });
    return { id: result.operationId, created: result.created };
  });
}
