import { eq } from "drizzle-orm";
import { z } from "zod";
import { services } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { suspensionReasons } from "../../vocabulary";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireStaff, type Ctx } from "../context";
import { heldSuspensions, liftSuspensions, resumeIfNothingHeld } from "./suspensions";

export const resumeServiceInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  /** The reasons to lift; all the service's own reasons when left out. */
  reasons: z.array(z.enum(suspensionReasons)).min(1).optional(),
});

/**
 * Lifts reasons placed on the service itself. The service is resumed only when no reason is left;
 * a client-wide suspension is lifted on the client, never here.
 */
export async function resumeService({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(resumeServiceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, data.serviceId)).for("update");
    if (!service) throw notFound("Service not found");
    if (!["processing", "active", "suspended"].includes(service.status)) throw conflict(`A ${service.status} service cannot be resumed`);
    const held = await heldSuspensions(tx, service.id);
    if (held.some((h) => h.scope === "client")) throw conflict("The client's account is suspended: lift the client's suspension to resume its services");
    const at = now(ctx);
    const by = actorUserId(ctx.actor);
    let result: { remaining: string[]; operationId: number | null };
    if (held.length > 0) {
      const lifted = await liftSuspensions(tx, service, { scope: "service", reasons: data.reasons, byUserId: by, at });
      if (lifted.lifted.length === 0) throw conflict("The service is not suspended for this reason");
      result = lifted;
    }
    else if (service.status === "suspended") result = { remaining: [], operationId: await resumeIfNothingHeld(tx, service, at, "resumed by staff") };
    else throw conflict(`A ${service.status} service cannot be resumed`);
    await audit(tx, ctx.actor, { action: "service.resume", entity: "service", entityId: service.id, after: { reasons: data.reasons ?? "all", remaining: result.remaining, operationId: result.operationId } });
    return { id: result.operationId, created: result.operationId !== null, remaining: result.remaining };
  });
}
