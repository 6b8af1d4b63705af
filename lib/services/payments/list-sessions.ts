import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { paymentSessions } from "../../db/schema";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { page, idFilter } from "../page";

export const listPaymentSessionsInput = z.object({
  clientId: idFilter().optional(),
  ...pageInput,
});

export type PaymentSession = typeof paymentSessions.$inferSelect;

/** Card payments a client started (paid, waiting, failed, expired, refunded), newest first: its own, or for staff any client's. */
export async function listPaymentSessions({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: PaymentSession[]; nextCursor: number | null }> {
  const data = parseInput(listPaymentSessionsInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const rows = await ctx.db
    .select()
    .from(paymentSessions)
    .where(and(clientId === undefined ? undefined : eq(paymentSessions.clientId, clientId), data.cursor ? lt(paymentSessions.id, data.cursor) : undefined))
    .orderBy(desc(paymentSessions.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}
