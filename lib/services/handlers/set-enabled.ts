import { eq } from "drizzle-orm";
import { z } from "zod";
import { handlers } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const setHandlerEnabledInput = z.object({
  handlerId: z.coerce.number().int().positive().max(2_147_483_647),
  enabled: z.boolean(),
});

/**
 * Enables or disables a handler. A disabled one is never picked for new services; services already
 * on it keep being suspended, resumed, closed and synced through it.
 */
export async function setHandlerEnabled({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(setHandlerEnabledInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ enabled: handlers.enabled }).from(handlers).where(eq(handlers.id, data.handlerId)).for("update");
    if (!before) throw notFound("Processing module not found");
    await tx.update(handlers).set({ enabled: data.enabled, updatedAt: now(ctx) }).where(eq(handlers.id, data.handlerId));
    await audit(tx, ctx.actor, {
      action: data.enabled ? "handler.enable" : "handler.disable",
      entity: "handler",
      entityId: data.handlerId,
      before,
      after: { enabled: data.enabled },
    });
    return { handlerId: data.handlerId, enabled: data.enabled };
  });
}
