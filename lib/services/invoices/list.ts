import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { invoices } from "../../db/schema";
import { invoiceKinds, invoiceStatuses } from "../../vocabulary";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { page, idFilter } from "../page";

export const listInvoicesInput = z.object({
  clientId: idFilter().optional(),
  status: z.enum(invoiceStatuses).optional(),
  kind: z.enum(invoiceKinds).optional(),
  orderId: idFilter().optional(),
  ...pageInput,
});

export type Invoice = typeof invoices.$inferSelect;

/** Invoices, newest first, keyset-paginated by id: a client's own, or for staff any client's. */
export async function listInvoices({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: Invoice[]; nextCursor: number | null }> {
  const data = parseInput(listInvoicesInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const rows = await ctx.db
    .select()
    .from(invoices)
    .where(
      and(
        clientId === undefined ? undefined : eq(invoices.clientId, clientId),
        data.status ? eq(invoices.status, data.status) : undefined,
        data.kind ? eq(invoices.kind, data.kind) : undefined,
        data.orderId ? eq(invoices.orderId, data.orderId) : undefined,
        data.cursor ? lt(invoices.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(invoices.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}
