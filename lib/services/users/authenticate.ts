import { sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import type { Role } from "../../vocabulary";
import { verifyPassword } from "../../auth/password";
import { refusalMessage } from "../../auth/refusal-message";
import { accountKey, accountSourceKey, checkLimit, clearFailures, limits, recordFailure, type Refusal } from "../../auth/throttle";
import { AppError } from "../../errors";
import { audit } from "../audit";
import { now, type Ctx } from "../context";
import { mailUnlockLink } from "./unlock-sign-in";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
const authenticateInput = signInInput.extend({ ip: z.string().max(64).nullish() });

export type AuthenticatedUser = { id: number; name: string; email: string; role: Role; clientId: number | null };

// Compared against when the email is unknown, so both answers take the same time.
const DUMMY_HASH = "$2b$10$Fq8joQtPuhapo9IImN9DDeGZ.Rio.e1FdkOOTMhS4GqFE7kkNIpdO";

const refused = (refusal: Refusal) => new AppError("rate_limited", refusalMessage(`${refusal.reason}-${refusal.retryAfterSeconds}`), refusal);

/**
 * Checks an email and password; the user when they match an enabled, verified account, otherwise
 * null. Failures are counted per account and address (a guesser locks out only their own address),
 * per account from all addresses (its lock mails the owner an unlock link) and per address: past the
 * limits it throws `rate_limited` (without checking the password, so a lock holds even for the right one).
 */
export async function authenticate({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AuthenticatedUser | null> {
  const parsed = authenticateInput.safeParse(input);
  if (!parsed.success) return null;
  const { email, password, ip } = parsed.data;
  const at = now(ctx);
  const keys = [
    { key: accountSourceKey(email, ip), limit: limits.account },
    { key: accountKey(email), limit: limits.accountWide },
    ...(ip ? [{ key: `ip:${ip}`, limit: limits.ip }] : []),
  ];
  for (const { key, limit } of keys) {
    const refusal = await checkLimit(ctx.db, key, limit, at);
    if (refusal) throw refused(refusal);
  }
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    for (const { key, limit } of keys) {
      const counted = await recordFailure(ctx.db, key, limit, at);
      if (!counted.locked) continue;
      await ctx.db.transaction(async (tx) => {
        await audit(tx, ctx.actor, { action: "sign_in.locked", entity: key.startsWith("ip:") ? "ip" : "user", entityId: key.startsWith("ip:") ? ip : (user?.id ?? email), after: { counter: key, failures: counted.failures, lockedUntil: counted.lockedUntil } });
        if (key === accountKey(email) && user && !user.disabled) await mailUnlockLink(tx, user, at);
      });
    }
    return null;
  }
  await clearFailures(ctx.db, keys[0]!.key);
  await clearFailures(ctx.db, keys[1]!.key);
  if (user.disabled) return null;
  if (!user.emailVerified) throw new AppError("forbidden", refusalMessage("unverified"), { reason: "unverified" });
  return { id: user.id, name: user.name, email: user.email, role: user.role, clientId: user.clientId };
}
