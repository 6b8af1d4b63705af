import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { orders } from "../../db/schema";
import { orderStatuses } from "../../vocabulary";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { idFilter, page } from "../page";

export const listOrdersInput = z.object({ clientId: idFilter().optional(), status: z.enum(orderStatuses).optional(), ...pageInput });

/** Orders with their item count, newest first, keyset-paginated by id: a client's own, or for staff any client's. */
export async function listOrders({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  const data = parseInput(listOrdersInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const rows = await ctx.db
    .select({ id: orders.id, clientId: orders.clientId, status: orders.status, total: orders.total, currency: orders.currency, createdAt: orders.createdAt, paidAt: orders.paidAt, items: sql<number>`(select count(*)::int from order_items i where i.order_id = ${orders.id})` })
    .from(orders)
    .where(and(clientId === undefined ? undefined : eq(orders.clientId, clientId), data.status ? eq(orders.status, data.status) : undefined, data.cursor ? lt(orders.id, data.cursor) : undefined))
    .orderBy(desc(orders.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}
