import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { readMailbox } from "../../email/deliver";
import { AppError, forbidden, notFound } from "../../errors";
import { parseInput, type Ctx } from "../context";

export const listMyEmailsInput = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

/** The signed-in client's own sent emails, newest first, rendered as the client received them. */
export async function listMyEmails({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  const { limit } = parseInput(listMyEmailsInput, input ?? {});
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const clientId = ctx.actor.type === "user" || ctx.actor.type === "api_key" ? ctx.actor.clientId : null;
  if (clientId === null) throw forbidden("Only clients have a mailbox here");
  const [client] = await ctx.db.select({ email: clients.email }).from(clients).where(eq(clients.id, clientId));
  if (!client) throw notFound("Client not found");
  const mail = await readMailbox(ctx.db, { to: client.email, status: ["sent"], limit });
  return mail
    .filter((m) => m.clientId === null || m.clientId === clientId)
    .map((m) => ({ id: m.id, subject: m.subject, text: m.text, template: m.template, serviceId: m.serviceId, sentAt: m.sentAt, createdAt: m.createdAt }));
}
