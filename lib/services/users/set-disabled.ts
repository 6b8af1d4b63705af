import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { revokeUserSessions } from "../../auth/sessions";
import { conflict, notFound } from "../../errors";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

export const setUserDisabledInput = z.object({
  userId: z.coerce.number().int().positive().max(2_147_483_647),
  disabled: z.preprocess((v) => v === "true" || v === true, z.boolean()),
});

/** Admins disable (or enable again) a staff or client user; disabling ends all their sessions at once. */
export async function setUserDisabled({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { userId, disabled } = parseInput(setUserDisabledInput, input);
  if (disabled && actorUserId(ctx.actor) === userId) throw conflict("You cannot disable your own account");
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw notFound("User not found");
    if (before.disabled === disabled) return { userId, disabled, sessionsEnded: 0 };
    await tx.update(users).set({ disabled }).where(eq(users.id, userId));
    const sessionsEnded = disabled ? await revokeUserSessions(tx, userId, now(ctx)) : 0;
    await audit(tx, ctx.actor, { action: disabled ? "user.disable" : "user.enable", entity: "user", entityId: userId, before, after: { disabled, sessionsEnded } });
    return { userId, disabled, sessionsEnded };
  });
}
