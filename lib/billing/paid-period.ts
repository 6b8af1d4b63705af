import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Conn } from "../db";
import { balanceEntries, invoices, orderItems, services } from "../db/schema";
import { addMonths } from "../dates";

type Service = Pick<typeof services.$inferSelect, "id" | "orderItemId" | "months" | "expiresAt">;

/** The reference prefix of every refund made for one service (and of a refund taken back): what was given back is their sum. */
export const serviceRefundPrefix = (serviceId: number) => `refund:svc:${serviceId}:`;

/** The service a refund reference is for (the inverse of serviceRefundPrefix), or null. */
export function serviceOfRefund(reference: string): number | null {
  const m = /^refund:svc:(\d+):/.exec(reference);
  return m ? Number(m[1]) : null;
}

/**
 * What the client paid for a service: for its current period (the last paid renewal, else its order
 * item) with that invoice, in all, and what was refunded for it so far.
 */
export async function paidFor(conn: Conn, service: Service) {
  const [item] = service.orderItemId
    ? await conn
        .select({ price: orderItems.price, invoiceId: invoices.id, invoiceAmount: invoices.amount })
        .from(orderItems)
        .leftJoin(invoices, and(eq(invoices.orderId, orderItems.orderId), eq(invoices.status, "paid")))
        .where(eq(orderItems.id, service.orderItemId))
    : [];
  const renewals = await conn
    .select({ id: invoices.id, amount: invoices.amount })
    .from(invoices)
    .where(and(eq(invoices.serviceId, service.id), eq(invoices.kind, "renewal"), eq(invoices.status, "paid")))
    .orderBy(desc(invoices.id));
  // At most what the order's invoice came to: a coupon's discount is not given back.
  const orderPaid = item?.invoiceId ? Math.min(item.price, item.invoiceAmount ?? item.price) : 0;
  const [refunded] = await conn
    .select({ total: sql<string>`coalesce(sum(${balanceEntries.amount}), 0)` })
    .from(balanceEntries)
    .where(like(balanceEntries.reference, `${serviceRefundPrefix(service.id)}%`));
  const last = renewals[0];
  return {
    period: last ? { amount: last.amount, invoiceId: last.id } : { amount: orderPaid, invoiceId: item?.invoiceId ?? null },
    total: orderPaid + renewals.reduce((sum, r) => sum + r.amount, 0),
    refunded: Number(refunded?.total ?? 0),
  };
}

/**
 * The unused part of the paid period at `at`, pro rata by time: the whole period's price before it
 * starts (or while the service has no expiry yet), nothing after it ends.
 */
export function unusedPart(periodAmount: number, service: Service, at: Date): number {
  if (!service.expiresAt) return periodAmount;
  const end = service.expiresAt.getTime();
  const start = addMonths(service.expiresAt, -service.months).getTime();
  if (at.getTime() >= end) return 0;
  if (at.getTime() <= start) return periodAmount;
  return Math.floor((periodAmount * (end - at.getTime())) / (end - start));
}
