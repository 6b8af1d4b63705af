import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db";
import {
  balanceEntries, clients, invoices, orderItems, orders, serviceHistory, services, tariffResources, tariffs,
} from "../../db/schema";
import { generatePassword, remoteNameFor } from "../../billing/password";
import { resourceAmounts } from "../../billing/price";
import { encryptJson } from "../../crypto";
import { conflict, notFound, unprocessable } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { takeTransferCode } from "../domains/transfer-code";
import { enqueueOperation } from "../../processing/enqueue";
import { orderNeedsOf } from "../../billing/order-needs";
import { actorUserId, now, parseInput, requireClientAccess, type Actor, type Ctx } from "../context";
import { assertClientActive, assertContacts, assertDomainsFree } from "./checks";
import { assertOrderRegistrable } from "../domains/registrable";
import { requireClientCurrency } from "../../billing/currency";
import { queuePaymentReceiptEmail } from "../../email/money-emails";
import { formatAmount } from "../../billing/ledger";

export const payOrderInput = z.object({ orderId: z.number().int().positive().max(2_147_483_647) });


/**
 * Pays an order from the client's balance in one transaction: ledger entry, invoice and order
 * paid, one service per item in `processing` with its `open` operation queued. Paying a paid
 * order again returns the same services and charges nothing; a suspended client's order is refused
 * and nothing changes.
 */
export async function payOrder({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { orderId } = parseInput(payOrderInput, input);
  // The registry is asked outside the transaction: no row stays locked while it answers.
  await assertOrderRegistrable(ctx.db, ctx.actor, orderId, now(ctx));
  const result = await ctx.db.transaction((tx) => payOrderTx(tx, ctx.actor, orderId, now(ctx)));
  await dispatchOperations(result.operationIds);
  return result;
}

/**
 * payOrder's work inside the caller's transaction (a gateway payment credits the balance and pays
 * its invoice in one). The caller dispatches the returned operations after it commits.
 */
export async function payOrderTx(tx: Tx, actor: Actor, orderId: number, at: Date) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!order) throw notFound("Order not found");
  requireClientAccess(actor, order.clientId);
  const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(orderItems.id);
  if (order.status === "paid") {
    const existing = await tx.select().from(services).where(sql`${services.orderItemId} in (select id from order_items where order_id = ${order.id})`);
    return { order, services: existing, charged: false, operationIds: [] as number[] };
  }
  if (order.status !== "unpaid") throw conflict(`Order #${order.id} is ${order.status}`);
  await assertClientActive(tx, order.clientId, "orders cannot be paid", true);
  await requireClientCurrency(tx, order.clientId, order.currency, `Order #${order.id}`);
  const kinds = await tx.select({ id: tariffs.id, productType: tariffs.productType }).from(tariffs).where(inArray(tariffs.id, items.map((i) => i.tariffId)));
  const productTypeOf = (tariffId: number) => kinds.find((k) => k.id === tariffId)!.productType;
  await assertDomainsFree(tx, items.map((i) => ({ productType: productTypeOf(i.tariffId), domain: i.params.domain })), { clientId: order.clientId, at });
  const needs = await orderNeedsOf(tx, items.map((i) => i.tariffId));
  await assertContacts(tx, order.clientId, needs.values());
  const [charged] = await tx
    .update(clients)
    .set({ balance: sql`${clients.balance} - ${order.total}` })
    .where(and(eq(clients.id, order.clientId), gte(clients.balance, order.total)))
    .returning({ balance: clients.balance });
  if (!charged) {
    const [client] = await tx.select({ balance: clients.balance }).from(clients).where(eq(clients.id, order.clientId));
    throw unprocessable(
      `Insufficient funds: the order costs ${formatAmount(order.total, order.currency)}, the balance is ${formatAmount(client?.balance ?? 0, order.currency)}`,
      { code: "insufficient_funds", total: order.total, balance: client?.balance ?? 0 },
    );
  }
  const [invoice] = await tx
    .update(invoices)
    .set({ status: "paid", paidAt: at })
    .where(eq(invoices.orderId, order.id))
    .returning({ id: invoices.id });
  if (invoice) await queuePaymentReceiptEmail(tx, invoice.id, at);
  if (order.total > 0) {
    await tx.insert(balanceEntries).values({
      clientId: order.clientId, kind: "charge", amount: -order.total, currency: order.currency,
      balanceAfter: charged.balance, invoiceId: invoice?.id ?? null, note: `Order #${order.id}`, actorUserId: actorUserId(actor),
    });
  }
  const [paid] = await tx.update(orders).set({ status: "paid", paidAt: at }).where(eq(orders.id, order.id)).returning();
  const created = [];
  const operationIds: number[] = [];
  for (const item of items) {
    const opened = await openService(tx, order.clientId, item, at);
    created.push(opened.service);
    operationIds.push(opened.operationId);
  }
  return { order: paid!, services: created, charged: true, operationIds };
}

async function openService(tx: Tx, clientId: number, item: typeof orderItems.$inferSelect, at: Date) {
  const [tariff] = await tx.select().from(tariffs).where(eq(tariffs.id, item.tariffId));
  const resources = await tx.select().from(tariffResources).where(eq(tariffResources.tariffId, item.tariffId));
  const { params, secrets } = takeTransferCode(item.params);
  const [row] = await tx
    .insert(services)
    .values({
      clientId, tariffId: item.tariffId, orderItemId: item.id, productType: tariff!.productType, status: "processing",
      remoteName: "", domain: item.params.domain ?? null, params, resources: resourceAmounts(resources, item.addons), months: item.months,
      secrets: encryptJson({ password: generatePassword(), ...secrets }), createdAt: at, updatedAt: at,
    })
    .returning();
  const remoteName = remoteNameFor(tariff!.productType, row!.id, item.params.domain);
  const [service] = await tx.update(services).set({ remoteName }).where(eq(services.id, row!.id)).returning();
  await tx.insert(serviceHistory).values({ serviceId: row!.id, fromStatus: null, toStatus: "processing", message: "Paid; being set up" });
  const op = await enqueueOperation(tx, { serviceId: row!.id, kind: "open", runAt: at });
  return { service: service!, operationId: op.id };
}
