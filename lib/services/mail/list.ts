import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox } from "../../db/schema";
import { outboxStatuses } from "../../vocabulary";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { page, idFilter, limitFilter, textFilter } from "../page";

export const listMailInput = z.object({
  status: z.enum(outboxStatuses).optional(),
  to: textFilter(200).optional(),
  clientId: idFilter().optional(),
  cursor: idFilter().optional(),
  limit: limitFilter(200, 50),
});

/** The Mail log: every email in the outbox, newest first, without its (encrypted) contents. */
export async function listMail({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listMailInput, input ?? {});
  const rows = await ctx.db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      transport: emailOutbox.transport,
      clientId: emailOutbox.clientId,
      serviceId: emailOutbox.serviceId,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(
      and(
        data.status ? eq(emailOutbox.status, data.status) : undefined,
        data.to ? sql`lower(${emailOutbox.to}) = ${data.to.toLowerCase()}` : undefined,
        data.clientId ? eq(emailOutbox.clientId, data.clientId) : undefined,
        data.cursor ? lt(emailOutbox.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}

export type MailSummary = Awaited<ReturnType<typeof listMail>>["items"][number];
