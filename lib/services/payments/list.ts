import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { clients, payments } from "../../db/schema";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { page, idFilter } from "../page";

export const listPaymentsInput = z.object({ clientId: idFilter().optional(), ...pageInput });

export type PaymentRow = Omit<typeof payments.$inferSelect, "raw"> & { clientName: string };

/** Money received (card, gateway, marked paid by staff), newest first, without the gateway's raw data: a client's own, or for staff any client's. */
export async function listPayments({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: PaymentRow[]; nextCursor: number | null }> {
  const data = parseInput(listPaymentsInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const found = await ctx.db
    .select({
      id: payments.id, clientId: payments.clientId, clientName: clients.name, method: payments.method, amount: payments.amount,
      currency: payments.currency, reference: payments.reference, createdAt: payments.createdAt,
    })
    .from(payments)
    .innerJoin(clients, eq(clients.id, payments.clientId))
    .where(and(clientId === undefined ? undefined : eq(payments.clientId, clientId), data.cursor ? lt(payments.id, data.cursor) : undefined))
    .orderBy(desc(payments.id))
    .limit(data.limit + 1);
  return page(found, data.limit);
}
