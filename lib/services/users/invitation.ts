import { randomBytes } from "node:crypto";
import type { Conn } from "../../db";
import { appLink } from "../../auth/app-url";
import { hashPassword } from "../../auth/password";
import { issueToken } from "../../auth/user-tokens";
import { enqueueEmail } from "../../email/enqueue";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** The hash of a password nobody knows: the account signs in only once its owner chose one by the invitation. */
export const unusablePasswordHash = () => hashPassword(randomBytes(32).toString("base64url"));

/**
 * Queues an invitation for an account an admin made without a password: a one-time link to choose
 * it (the password reset's token and page, valid 7 days), in the caller's transaction.
 */
export async function queueInvitation(tx: Conn, user: { id: number; email: string; name: string; clientId: number | null }, at: Date): Promise<void> {
  const token = await issueToken(tx, user.id, "reset_password", at, INVITATION_TTL_MS);
  await enqueueEmail(tx, {
    dedupeKey: `invitation:user:${user.id}`,
    to: user.email,
    clientId: user.clientId,
    template: "account-link",
    props: { purpose: "invitation", name: user.name, url: appLink(`/reset-password/${token}`) },
    runAt: at,
  });
}
