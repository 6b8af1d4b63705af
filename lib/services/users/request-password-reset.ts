import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { checkLimit, limits, recordFailure } from "../../auth/throttle";
import { appLink } from "../../auth/app-url";
import { issueToken } from "../../auth/user-tokens";
import { enqueueEmail } from "../../email/enqueue";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const requestPasswordResetInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  /** The requester's address: the limit is per requester, so nobody can use it up for someone else's email. */
  ip: z.string().max(64).nullish(),
});

export const RESET_TTL_MS = 60 * 60_000;

/**
 * "Forgot password?": a one-time link, valid one hour, by email through the outbox. The answer is
 * the same whether or not the email is registered; a few requests per requester (IP) and hour at most.
 */
export async function requestPasswordReset({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const { email, ip } = parseInput(requestPasswordResetInput, input);
  const at = now(ctx);
  const key = ip ? `reset:ip:${ip}` : `reset:${email}`; // no address known (a direct call): per email, as a last resort
  if (await checkLimit(ctx.db, key, limits.signUp, at)) return;
  await recordFailure(ctx.db, key, limits.signUp, at);
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(sql`lower(${users.email}) = ${email}`, eq(users.disabled, false)))
      .limit(1);
    if (!user) return;
    const token = await issueToken(tx, user.id, "reset_password", at, RESET_TTL_MS);
    await enqueueEmail(tx, {
      dedupeKey: `reset-password:user:${user.id}:${at.getTime()}`,
      to: user.email,
      clientId: user.clientId,
      template: "account-link",
      props: { purpose: "reset-password", name: user.name, url: appLink(`/reset-password/${token}`) },
      runAt: at,
    });
    await audit(tx, ctx.actor, { action: "user.request_password_reset", entity: "user", entityId: user.id });
  });
}
