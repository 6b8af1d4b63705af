import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "../../db";
import { users } from "../../db/schema";
import { appLink } from "../../auth/app-url";
import { accountKey, clearFailures, limits } from "../../auth/throttle";
import { consumeToken, issueToken } from "../../auth/user-tokens";
import { enqueueEmail } from "../../email/enqueue";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const UNLOCK_TTL_MS = 60 * 60_000;

/**
 * When wrong passwords from many addresses lock an account as a whole, its owner gets a one-time
 * link (valid one hour) that lifts the lock. Not queued for the client's in-app mailbox.
 */
export async function mailUnlockLink(conn: Conn, user: { id: number; name: string; email: string }, at: Date): Promise<void> {
  const token = await issueToken(conn, user.id, "unlock_sign_in", at, UNLOCK_TTL_MS);
  await enqueueEmail(conn, {
    dedupeKey: `sign-in-unlock:user:${user.id}:${at.getTime()}`,
    to: user.email,
    template: "sign-in-unlock",
    props: { name: user.name, minutes: Math.round(limits.accountWide.lockMs / 60_000), url: appLink(`/unlock-sign-in/${token}`) },
    runAt: at,
  });
}

export const unlockSignInInput = z.object({ token: z.string().max(100) });

/** The link from that email: lifts the account-wide sign-in lock, once. Locks of the guessing addresses stay. */
export async function unlockSignIn({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ email: string }> {
  const { token } = parseInput(unlockSignInInput, input);
  return ctx.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "unlock_sign_in", now(ctx));
    if (!userId) throw new ValidationError({ token: ["This link has expired or was already used."] }, "This link has expired or was already used");
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    await clearFailures(tx, accountKey(user!.email));
    await audit(tx, { type: "user", userId, role: user!.role, clientId: user!.clientId }, { action: "user.unlock_sign_in", entity: "user", entityId: userId });
    return { email: user!.email };
  });
}
