import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { issueToken } from "../../auth/user-tokens";
import { appLink } from "../../auth/app-url";
import { enqueueEmail } from "../../email/enqueue";
import { conflict, notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { INVITATION_TTL_MS } from "./invitation";

const input = z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) });

/** Admins send a staff member a fresh invitation link (the earlier one may have run out or been lost). */
export async function resendStaffInvitation({ ctx, input: raw }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { userId } = parseInput(input, raw);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user || user.role === "client") throw notFound("Staff member not found");
    if (user.disabled) throw conflict("Enable this account before inviting them again");
    const token = await issueToken(tx, user.id, "reset_password", at, INVITATION_TTL_MS);
    await enqueueEmail(tx, {
      dedupeKey: `invitation:user:${user.id}:${at.getTime()}`,
      to: user.email,
      clientId: null,
      template: "account-link",
      props: { purpose: "invitation", name: user.name, url: appLink(`/reset-password/${token}`) },
      runAt: at,
    });
    await audit(tx, ctx.actor, { action: "user.invite_again", entity: "user", entityId: user.id });
    return { userId: user.id, email: user.email };
  });
}
