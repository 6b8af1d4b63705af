import { and, eq, isNull } from "drizzle-orm";
import type { Conn } from "../db";
import { couponRedemptions, coupons, orderItems, services } from "../db/schema";
import { couponApplies, percentOf } from "./coupon";
import { formatAmount } from "./ledger";

export type RenewalDiscount = { amount: number; description: string };

/**
 * The discount a recurring coupon gives a service's renewal: the coupon its order was placed with,
 * when that coupon is recurring, not disabled, and applies to the service's tariff and the period
 * renewed. Percent: of the renewal's catalogue price; fixed: its amount (same currency), at most
 * the price. Its expiry and usage limits bound when it can be entered, not the renewals after.
 */
export async function renewalDiscount(conn: Conn, serviceId: number, months: number, price: number, currency: string): Promise<RenewalDiscount | null> {
  const [row] = await conn
    .select({ coupon: coupons, tariffId: services.tariffId })
    .from(services)
    .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .innerJoin(couponRedemptions, eq(couponRedemptions.orderId, orderItems.orderId))
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .where(and(eq(services.id, serviceId), eq(coupons.recurring, true), isNull(coupons.disabledAt)));
  if (!row || price <= 0 || !couponApplies(row.coupon, { tariffId: row.tariffId, months })) return null;
  const c = row.coupon;
  if (c.kind === "percent") return { amount: percentOf(price, c.percent!), description: `Coupon ${c.code} (${c.percent}% off)` };
  if (c.currency !== currency) return null;
  return { amount: Math.min(c.amount!, price), description: `Coupon ${c.code} (${formatAmount(c.amount!, c.currency)} off)` };
}

/** A renewal's invoice lines before tax: the catalogue price, then the recurring coupon's discount line if any. */
export async function renewalPrices(conn: Conn, serviceId: number, months: number, price: number, currency: string): Promise<{ prices: number[]; discount: RenewalDiscount | null }> {
  const discount = await renewalDiscount(conn, serviceId, months, price, currency);
  return { prices: discount ? [price, -discount.amount] : [price], discount };
}
