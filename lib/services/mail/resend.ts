import { resendEmail } from "../../email/deliver";
import { notifyRunners } from "../../processing/wake";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { emailIdInput } from "./get";

/** Queues a copy of an email (a new outbox row, same contents); the runner delivers it. */
export async function resendMail({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { emailId } = parseInput(emailIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const copy = await resendEmail(tx, emailId);
    await audit(tx, ctx.actor, { action: "email.resend", entity: "email", entityId: emailId, after: { copyId: copy.id } });
    await notifyRunners(tx);
    return { emailId, copyId: copy.id };
  });
}
