import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { orderItems, orders, tariffResources } from "../../db/schema";
import { periods } from "../../vocabulary";
import { orderParamsInput } from "../../billing/order-params";
import { sealTransferCode } from "../domains/transfer-code";
import { conflict, ValidationError } from "../../errors";
import { assertContacts, assertDomainsFree, refuseSuspended } from "./checks";
import { assertOnSale } from "../tariffs/on-sale";
import { assertRegistrable } from "../domains/registrable";
import { now, parseInput, requireClientAccess, type Actor, type Conn, type Ctx } from "../context";
import { priceOrder } from "./price-order";
import { orderItemView } from "./items";
import { memoizeReads } from "../../db/memo";
import { issueInvoice } from "../../billing/issue-invoice";
import { invoiceIssuedMail, orderConfirmationMail } from "../../email/money-emails";
import { enqueueEmails } from "../../email/enqueue";
import { addMonths } from "../../dates";
import { assertClientMayUse, couponDiscount, findCoupon, redeemCoupon } from "../../billing/coupon";

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
  /** A coupon code (any case): its discount is a line of its own on the invoice, before tax. */
  coupon: z.string().trim().min(1).max(64).optional(),
});
export type CreateOrderInput = z.input<typeof createOrderInput>;

function clientOf(actor: Actor, given?: number): number {
  const own = actor.type === "user" || actor.type === "api_key" ? actor.clientId : null;
  const clientId = own ?? given;
  if (!clientId) throw new ValidationError({ clientId: ["Say which client the order is for"] });
  return clientId;
}

type Item = { tariffId: number; months: number; addons: Record<string, number>; params: Record<string, unknown> };

/** One cart content, independent of key order and zero add-ons: a checkout key belongs to exactly one. */
function fingerprint(items: Item[]): string {
  // A transfer's auth code is stored sealed (a new seal each time): it is not part of the cart's identity.
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== 0 && v !== undefined && k !== "authCode" && k !== "authCodeSealed").sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(items.map((i) => [i.tariffId, i.months, sorted(i.addons), sorted(i.params)]));
}

/**
 * Checkout: creates an unpaid order with its items and its invoice, priced from the tariffs the
 * store sells (tariffs/on-sale.ts), for a client who is not suspended. Before anything is paid it
 * checks what the tariffs' modules need: a domain no other live service holds, and the
 * registrant's contact details. The same idempotency key returns the order it made, and
 * is refused for a different cart.
 */
export async function createOrder({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(createOrderInput, input);
  const clientId = clientOf(ctx.actor, data.clientId);
  requireClientAccess(ctx.actor, clientId);
  if (data.clientId !== undefined) requireClientAccess(ctx.actor, data.clientId);
  // A client buys in its own currency, at the tariff's price in it; a tariff with none is refused.
  const { found, currency, needs, served, suspendedAt, client, lines } = await priceOrder(ctx, clientId, data.items);
  if (data.idempotencyKey) {
    const [existing] = await ctx.db
      .select()
      .from(orders)
      .where(and(eq(orders.clientId, clientId), eq(orders.idempotencyKey, data.idempotencyKey)));
    if (existing) return { order: await sameCart(ctx.db, existing, lines), created: false, items: null };
  }
  refuseSuspended(suspendedAt, "new orders are refused");
  // As with hidden tariffs, the system (seed, scripts) may order one the store does not sell.
  if (ctx.actor.type !== "system") await assertOnSale(ctx.db, found, served);
  await assertDomainsFree(ctx.db, lines.map((l) => ({ productType: l.tariff.productType, domain: l.params.domain })), { clientId, at: now(ctx) });
  await assertContacts(ctx.db, clientId, lines.map((l) => needs.get(l.tariffId) ?? new Set()));
  await assertRegistrable(ctx.db, lines.map((l) => ({ tariffId: l.tariffId, productType: l.tariff.productType, domain: l.params.domain, transfer: l.params.transfer === true })), now(ctx));
  const total = lines.reduce((sum, l) => sum + l.price, 0);
  const discount = data.coupon ? couponDiscount(await findCoupon(ctx.db, data.coupon), lines, currency, now(ctx)) : null;
  if (discount) await assertClientMayUse(ctx.db, discount.coupon, clientId);
  return ctx.db.transaction(async (tx) => {
    // The invoice's settings and tax rates are read once here (this transaction writes none of them).
    memoizeReads(tx);
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
      return { order: await sameCart(tx, existing!, lines), created: false, items: null };
    }
    const items = await tx
      .insert(orderItems)
      .values(lines.map((l) => ({ orderId: order.id, tariffId: l.tariffId, months: l.months, addons: l.addons, params: sealTransferCode(l.params), price: l.price })))
      .returning({ id: orderItems.id });
    const names = lines.map((l) => `${l.tariff.name} (${l.months} mo)`).join(", ");
    const at = now(ctx);
    const { invoice } = await issueInvoice(tx, {
      clientId, kind: "order", orderId: order.id, currency, description: `Order #${order.id}: ${names}`, at,
      lines: [...lines.map((l, i) => ({
        description: l.tariff.name, price: l.price, months: l.months, periodStart: at, periodEnd: addMonths(at, l.months),
        domain: l.params.domain ?? l.params.hostname ?? null, orderItemId: items[i]!.id,
        addons: addonLines(l.addons, l.tariff.resources),
      })), ...(discount ? [{ description: discount.description, price: -discount.amount }] : [])],
    });
    if (discount) await redeemCoupon(tx, { discount, clientId, orderId: order.id, invoiceId: invoice.id, currency });
    // Both emails in one statement, from the rows in hand: the invoice counter stays locked until commit.
    if (client) await enqueueEmails(tx, [orderConfirmationMail(order.id, invoice, client, at), invoiceIssuedMail(invoice, client, at)]);
    // The items as listOrderItems would read them back.
    const views = lines.map((l, i) => orderItemView({ id: items[i]!.id, tariffId: l.tariffId, tariffName: l.tariff.name, productType: l.tariff.productType, months: l.months, price: l.price, params: l.params }));
    // The order costs what its invoice asks, tax included.
    if (invoice.amount === order.total) return { order, created: true, items: views };
    const [taxed] = await tx.update(orders).set({ total: invoice.amount }).where(eq(orders.id, order.id)).returning();
    return { order: taxed!, created: true, items: views };
  });
}

function addonLines(addons: Record<string, number>, resources: (typeof tariffResources.$inferSelect)[]) {
  return Object.entries(addons).filter(([, n]) => n > 0).map(([key, units]) => {
    const r = resources.find((x) => x.key === key);
    return { label: r?.label ?? key, units, unit: r?.unit ?? "" };
  });
}

async function sameCart(conn: Conn, order: typeof orders.$inferSelect, lines: Item[]) {
  const items = await conn.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(orderItems.id);
  if (fingerprint(items) !== fingerprint(lines)) throw conflict("This checkout was already used for another cart. Please check out again.", { code: "checkout_key_reused" });
  return order;
}
