import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { hashPassword, verifyPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { revokeUserSessions } from "../../auth/sessions";
import { AppError, ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword,
    /** The session that asks: it stays signed in, every other one ends. */
    keepSessionId: z.string().max(100).nullish(),
  })
  .refine((d) => d.currentPassword !== d.newPassword, { path: ["newPassword"], message: "Choose a password different from the current one" });

/** A signed-in user changes their password; their other sessions end. */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ sessionsEnded: number }> {
  if (ctx.actor.type !== "user") throw new AppError("unauthorized", "Sign in first");
  const actor = ctx.actor;
  const data = parseInput(changePasswordInput, input);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new ValidationError({ currentPassword: ["This is not your current password"] });
  }
  const passwordHash = await hashPassword(data.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    const sessionsEnded = await revokeUserSessions(tx, actor.userId, now(ctx), data.keepSessionId ?? undefined);
    await audit(tx, actor, { action: "user.change_password", entity: "user", entityId: actor.userId, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}
