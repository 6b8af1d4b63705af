import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { revokeUserSessions } from "../../auth/sessions";
import { clearAccountFailures } from "../../auth/throttle";
import { consumeToken } from "../../auth/user-tokens";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const resetPasswordInput = z.object({ token: z.string().max(100), password: newPassword });

/**
 * A new password from a reset link: the link works once and within its hour; every session of the
 * user ends, and the sign-in lock on the account is lifted (the email proved who it is).
 */
export async function resetPassword({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ email: string }> {
  const { token, password } = parseInput(resetPasswordInput, input);
  const passwordHash = await hashPassword(password);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "reset_password", at);
    if (!userId) throw new ValidationError({ token: ["This link has expired or was already used. Ask for a new one."] }, "This link has expired or was already used");
    const [user] = await tx.update(users).set({ passwordHash, emailVerified: true }).where(eq(users.id, userId)).returning();
    const sessionsEnded = await revokeUserSessions(tx, userId, at);
    await clearAccountFailures(tx, user!.email);
    await audit(tx, { type: "user", userId, role: user!.role, clientId: user!.clientId }, { action: "user.reset_password", entity: "user", entityId: userId, after: { sessionsEnded } });
    return { email: user!.email };
  });
}
