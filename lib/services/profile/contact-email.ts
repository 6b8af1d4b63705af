import { and, eq, inArray, isNull } from "drizzle-orm";
import { appLink } from "../../auth/app-url";
import { checkLimit, limits, recordFailure } from "../../auth/throttle";
import { issueToken } from "../../auth/user-tokens";
import type { Tx } from "../../db";
import { users, userTokens } from "../../db/schema";
import { enqueueEmail } from "../../email/enqueue";
import { AppError } from "../../errors";

export const CONFIRM_CONTACT_EMAIL_TTL_MS = 24 * 60 * 60_000;

/**
 * A client asked for a new contact email: it waits in pending_email, and a one-time link goes to
 * the NEW address only. Nothing uses it until the link is opened (confirm-email.ts). A few
 * links per client and hour at most.
 */
export async function askToConfirmContactEmail(
  tx: Tx,
  input: { clientId: number; userId: number; name: string; email: string; at: Date },
): Promise<void> {
  const key = `contact-email:${input.clientId}`;
  const refusal = await checkLimit(tx, key, limits.signUp, input.at);
  if (refusal) throw new AppError("rate_limited", `Too many new contact emails: try again in ${Math.ceil(refusal.retryAfterSeconds / 60)} minutes.`, refusal);
  await recordFailure(tx, key, limits.signUp, input.at);
  // A link confirms whatever is pending, so only the newest link of any user of this client works.
  await tx
    .update(userTokens)
    .set({ usedAt: input.at })
    .where(and(eq(userTokens.purpose, "confirm_contact_email"), isNull(userTokens.usedAt), inArray(userTokens.userId, tx.select({ id: users.id }).from(users).where(eq(users.clientId, input.clientId)))));
  const token = await issueToken(tx, input.userId, "confirm_contact_email", input.at, CONFIRM_CONTACT_EMAIL_TTL_MS);
  await enqueueEmail(tx, {
    dedupeKey: `confirm-email:client:${input.clientId}:${input.at.getTime()}`,
    to: input.email,
    clientId: input.clientId,
    template: "account-link",
    props: { purpose: "confirm-email", name: input.name, url: appLink(`/confirm-email/${token}`) },
    runAt: input.at,
  });
}
