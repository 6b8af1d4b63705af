import { eq } from "drizzle-orm";
import { z } from "zod";
import { services } from "../../db/schema";
import { conflict } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const setAutoRenewInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647), autoRenew: z.boolean() });

/** Turns automatic renewal from the balance on or off for a service that is not closed. */
export async function setAutoRenew({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(setAutoRenewInput, input);
  return ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, data.serviceId, true);
    if (service.status === "closed") throw conflict("A closed service is not renewed");
    const [updated] = await tx.update(services).set({ autoRenew: data.autoRenew, updatedAt: now(ctx) }).where(eq(services.id, service.id)).returning({ id: services.id, autoRenew: services.autoRenew });
    await audit(tx, ctx.actor, { action: "service.auto_renew", entity: "service", entityId: service.id, before: { autoRenew: service.autoRenew }, after: { autoRenew: data.autoRenew } });
    return updated!;
  });
}
