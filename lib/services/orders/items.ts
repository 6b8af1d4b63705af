import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { orderItems, orders, tariffs } from "../../db/schema";
import { notFound } from "../../errors";
import { parseInput, requireClientAccess, type Ctx } from "../context";

export const listOrderItemsInput = z.object({ orderId: z.number().int().positive().max(2_147_483_647) });

/**
 * An order's items as the API answers them: tariff, period, price and the domain each names
 * (punycode, as stored), and whether it is a transfer in; never the sealed auth code.
 */
export async function listOrderItems({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { orderId } = parseInput(listOrderItemsInput, input);
  const [order] = await ctx.db.select({ clientId: orders.clientId }).from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound("Order not found");
  requireClientAccess(ctx.actor, order.clientId);
  const rows = await ctx.db
    .select({ id: orderItems.id, tariffId: orderItems.tariffId, tariffName: tariffs.name, productType: tariffs.productType, months: orderItems.months, price: orderItems.price, params: orderItems.params })
    .from(orderItems)
    .innerJoin(tariffs, eq(tariffs.id, orderItems.tariffId))
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
  return rows.map(orderItemView);
}

type ItemRow = { id: number; tariffId: number; tariffName: string; productType: string; months: number; price: number; params: { domain?: string | null; transfer?: boolean } };

/** One item as listOrderItems answers it, from its row and its tariff's name and kind. */
export function orderItemView<R extends ItemRow>({ params, ...item }: R) {
  return { ...item, params: { domain: params.domain ?? null, transfer: params.transfer === true } };
}
