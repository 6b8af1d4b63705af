import { sql } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { checkLimit, limits, recordFailure } from "../../auth/throttle";
import { appLink } from "../../auth/app-url";
import { issueToken } from "../../auth/user-tokens";
import { enqueueEmail } from "../../email/enqueue";
import { AppError } from "../../errors";
import { refusalMessage } from "../../auth/refusal-message";
import { locales } from "../../i18n/locales";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const signUpInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100, "Use at most 100 characters"),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: newPassword,
});
export type SignUpInput = z.input<typeof signUpInput>;

const requestInput = z.object({
  /** The visitor's address: sign-ups are limited per address. */
  ip: z.string().max(64).nullish(),
  /** The visitor's language (its choice, else the browser's Accept-Language): the new client's language. */
  locale: z.enum(locales).nullish(),
});

export type SignedUp = { userId: number; clientId: number; email: string };

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60_000;

/**
 * A visitor registers: one client and its unverified client user, in one transaction, with a
 * verification link in the outbox. An email that is already registered changes nothing and gets the
 * same answer ("check your email"), so sign-up does not tell which emails exist. Returns the new
 * account, or null when there was none to make (the caller shows the same page either way).
 */
export async function signUp({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SignedUp | null> {
  const data = parseInput(signUpInput, input);
  const { ip, locale } = parseInput(requestInput, input);
  const at = now(ctx);
  if (ip) {
    const refusal = await checkLimit(ctx.db, `sign-up:${ip}`, limits.signUp, at);
    if (refusal) throw new AppError("rate_limited", refusalMessage(`${refusal.reason}-${refusal.retryAfterSeconds}`).replace("failed sign-ins", "sign-ups from your network"), refusal);
    await recordFailure(ctx.db, `sign-up:${ip}`, limits.signUp, at);
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${data.email}`)
        .limit(1);
      if (taken) return null;
      const [client] = await tx.insert(clients).values({ name: data.name, email: data.email, locale: locale ?? null }).returning();
      const [user] = await tx
        .insert(users)
        .values({ name: data.name, email: data.email, passwordHash, role: "client", clientId: client!.id, emailVerified: false })
        .returning();
      const token = await issueToken(tx, user!.id, "verify_email", at, VERIFY_EMAIL_TTL_MS);
      await enqueueEmail(tx, {
        dedupeKey: `verify-email:user:${user!.id}:${at.getTime()}`,
        to: data.email,
        clientId: client!.id,
        template: "account-link",
        props: { purpose: "verify-email", name: data.name, url: appLink(`/verify-email/${token}`) },
        runAt: at,
      });
      const actor = { type: "user", userId: user!.id, role: "client", clientId: client!.id } as const;
      await audit(tx, actor, { action: "sign_up", entity: "user", entityId: user!.id, after: { name: data.name, email: data.email, locale: locale ?? null } });
      return { userId: user!.id, clientId: client!.id, email: data.email };
    });
  } catch (error) {
    // Two sign-ups racing past the lookup: the unique index on lower(email) decides, with the same answer.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
