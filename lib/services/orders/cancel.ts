import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db";
import { invoices, orders } from "../../db/schema";
import { creditWholeInvoice } from "../../billing/credit-note";
import { conflict, notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireClientAccess, type Actor, type Ctx } from "../context";

export const cancelOrderInput = z.object({ orderId: z.coerce.number().int().positive().max(2_147_483_647) });

/** A client (or staff) cancels an unpaid order: the order and its invoice are cancelled; nothing was paid, nothing moves. */
export async function cancelOrder({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { orderId } = parseInput(cancelOrderInput, input);
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw notFound("Order not found");
    requireClientAccess(ctx.actor, order.clientId);
    if (order.status !== "unpaid") throw conflict(`Order #${order.id} is ${order.status}: only an unpaid order can be cancelled`);
    await cancelUnpaidOrderTx(tx, ctx.actor, order.id, "cancelled", now(ctx));
    return { orderId: order.id };
  });
}

/** Cancels a locked unpaid order and its invoice (a credit note takes the issued invoice back), with an audit row; `why` goes on the invoice. */
export async function cancelUnpaidOrderTx(tx: Tx, actor: Actor, orderId: number, why: "cancelled" | "expired", at = new Date()) {
  await tx.update(orders).set({ status: "cancelled" }).where(and(eq(orders.id, orderId), eq(orders.status, "unpaid")));
  const [invoice] = await tx.select().from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.status, "unpaid")));
  if (invoice) {
    const words = why === "expired" ? "expired unpaid" : "order cancelled";
    await tx.update(invoices).set({ status: "cancelled", description: `${invoice.description} (${words})`.trim() }).where(eq(invoices.id, invoice.id));
    await creditWholeInvoice(tx, invoice, why === "expired" ? "Order expired unpaid" : "Order cancelled", at);
  }
  await audit(tx, actor, { action: why === "expired" ? "order.expire" : "order.cancel", entity: "order", entityId: orderId, before: { status: "unpaid" }, after: { status: "cancelled" } });
}
