import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { clients, invoices, orderItems, orders, periods, tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { orderParamsInput } from "../../billing/order-params";
import { priceItems } from "../../billing/price";
import { unprocessable, ValidationError } from "../../errors";
import { requireClientCurrency } from "../../billing/currency";
import { parseInput, requireClientAccess, type Actor, type Ctx } from "../context";

export const createOrderInput = z.object({
  clientId: z.number().int().positive().max(2_147_483_647).optional(),
  items: z
    .array(
      z.object({
        tariffId: z.number().int().positive().max(2_147_483_647),
        months: z.number().int().refine((m) => (periods as readonly number[]).includes(m), "Choose a period the tariff sells"),
        addons: z.record(z.string(), z.number().int().min(0).max(100_000)).default({}),
        params: orderParamsInput.default({}),
      }),
    )
    .min(1, "Add at least one item")
    .max(20),
  /** The same key from the same client returns the order made the first time. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export type CreateOrderInput = z.input<typeof createOrderInput>;

function clientOf(actor: Actor, given?: number): number {
  const own = actor.type === "user" || actor.type === "api_key" ? actor.clientId : null;
  const clientId = own ?? given;
  if (!clientId) throw new ValidationError({ clientId: ["Say which client the order is for"] });
  return clientId;
}

/** Checkout: creates an unpaid order with its items and its invoice, priced from the tariffs. */
export async function createOrder({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(createOrderInput, input);
  const clientId = clientOf(ctx.actor, data.clientId);
  requireClientAccess(ctx.actor, clientId);
  if (data.clientId !== undefined) requireClientAccess(ctx.actor, data.clientId);
  if (data.idempotencyKey) {
    const [existing] = await ctx.db
      .select()
      .from(orders)
      .where(and(eq(orders.clientId, clientId), eq(orders.idempotencyKey, data.idempotencyKey)));
    if (existing) return { order: existing, created: false };
  }
  const [owner] = await ctx.db.select({ suspendedAt: clients.suspendedAt }).from(clients).where(eq(clients.id, clientId));
  if (owner?.suspendedAt) throw unprocessable("This account is suspended, so new orders are refused. Please contact support.");
  const tariffIds = [...new Set(data.items.map((i) => i.tariffId))];
  const found = await ctx.db.select().from(tariffs).where(inArray(tariffs.id, tariffIds));
  const prices = await ctx.db.select().from(tariffPrices).where(inArray(tariffPrices.tariffId, tariffIds));
  const resources = await ctx.db.select().from(tariffResources).where(inArray(tariffResources.tariffId, tariffIds));
  const lines = priceItems(data.items, (id) => {
    const tariff = found.find((t) => t.id === id);
    if (!tariff || (!tariff.published && ctx.actor.type !== "system")) return undefined;
    return { ...tariff, prices: prices.filter((p) => p.tariffId === id), resources: resources.filter((r) => r.tariffId === id) };
  });
  const currency = lines[0]!.tariff.currency;
  const other = lines.find((l) => l.tariff.currency !== currency);
  if (other) throw unprocessable(`One order cannot mix currencies (${currency} and ${other.tariff.currency}): order them separately.`, { code: "currency_mismatch" });
  await requireClientCurrency(ctx.db, clientId, currency, "This order");
  const total = lines.reduce((sum, l) => sum + l.price, 0);
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({ clientId, total, currency, idempotencyKey: data.idempotencyKey ?? null })
      .onConflictDoNothing()
      .returning();
    if (!order) {
      const [existing] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.clientId, clientId), eq(orders.idempotencyKey, data.idempotencyKey!)));
      return { order: existing!, created: false };
    }
    await tx.insert(orderItems).values(
      lines.map((l) => ({ orderId: order.id, tariffId: l.tariffId, months: l.months, addons: l.addons, params: l.params, price: l.price })),
    );
    const names = lines.map((l) => `${l.tariff.name} (${l.months} mo)`).join(", ");
    await tx.insert(invoices).values({ clientId, kind: "order", orderId: order.id, amount: total, currency, description: `Order #${order.id}: ${names}` });
    return { order, created: true };
  });
}
