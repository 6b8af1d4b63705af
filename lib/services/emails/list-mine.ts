import { z } from "zod";
import { readMailbox } from "../../email/deliver";
import type { TemplateName } from "../../email/templates";
import { AppError, forbidden } from "../../errors";
import { parseInput, type Ctx } from "../context";

export const listMyEmailsInput = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

/**
 * What the in-app mailbox may show: news about the client's services. One-time links (password
 * reset, email confirmation and any other account link) only ever go to the inbox they were sent to.
 */
export const inAppTemplates = ["welcome-hosting", "welcome-vps", "welcome-domain", "welcome-other", "service-status"] as const satisfies readonly TemplateName[];

/**
 * The signed-in client's own sent emails, newest first, rendered as the client received them: only
 * rows queued for this client, never matched by address, so no staff or other account's mail.
 */
export async function listMyEmails({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  const { limit } = parseInput(listMyEmailsInput, input ?? {});
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const clientId = ctx.actor.type === "user" || ctx.actor.type === "api_key" ? ctx.actor.clientId : null;
  if (clientId === null) throw forbidden("Only clients have a mailbox here");
  const mail = await readMailbox(ctx.db, { clientId, status: ["sent"], templates: inAppTemplates, limit });
  return mail.map((m) => ({ id: m.id, subject: m.subject, text: m.text, template: m.template, serviceId: m.serviceId, sentAt: m.sentAt, createdAt: m.createdAt }));
}
