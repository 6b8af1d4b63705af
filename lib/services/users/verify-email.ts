import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { consumeToken } from "../../auth/user-tokens";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const verifyEmailInput = z.object({ token: z.string().max(100) });

/** The link from the sign-up email: marks the address verified, once. */
export async function verifyEmail({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ userId: number }> {
  const { token } = parseInput(verifyEmailInput, input);
  return ctx.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify_email", now(ctx));
    if (!userId) throw new ValidationError({ token: ["This link has expired or was already used. Sign in, or sign up again."] }, "This link has expired or was already used");
    await tx.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
    await audit(tx, { type: "user", userId, role: "client", clientId: null }, { action: "user.verify_email", entity: "user", entityId: userId });
    return { userId };
  });
}
