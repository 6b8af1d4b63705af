import { and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Conn, Tx } from "../db";
import { couponRedemptions, coupons } from "../db/schema";
import { ValidationError } from "../errors";
import { formatAmount } from "./ledger";

export type Coupon = typeof coupons.$inferSelect;
/** A priced order line a coupon may discount: its tariff, its period and its catalogue price (minor units). */
export type CouponLine = { tariffId: number; months: number; price: number };
export type CouponDiscount = { coupon: Coupon; amount: number; description: string };

/** A coupon refused: a field error on `coupon` with the plain reason. */
export const couponRefused = (reason: string) => new ValidationError({ coupon: [reason] }, reason);

/** Codes are matched without regard to case or surrounding spaces. */
export async function findCoupon(conn: Conn, code: string): Promise<Coupon> {
  const [coupon] = await conn.select().from(coupons).where(sql`lower(${coupons.code}) = lower(${code.trim()})`);
  if (!coupon) throw couponRefused(`There is no coupon "${code.trim()}". Check the code and try again.`);
  return coupon;
}

/** Whether a line is one the coupon applies to: its tariffs and periods (empty lists mean all). */
export function couponApplies(coupon: Coupon, line: { tariffId: number; months: number }): boolean {
  return (coupon.tariffIds.length === 0 || coupon.tariffIds.includes(line.tariffId)) && (coupon.periods.length === 0 || coupon.periods.includes(line.months));
}

/** n × pct / 100 rounded half-up, exactly (n ≥ 0). */
export function percentOf(n: number, pct: number): number {
  return Number((BigInt(n) * BigInt(pct) * 2n + 100n) / 200n);
}

/**
 * The discount a coupon gives an order, before tax, or the reason it is refused: unknown, disabled,
 * expired, used up, not for these plans or periods, another currency. Percent: each matching line's
 * share rounded half-up; fixed: the amount, at most the matching lines' sum. Usage per client is
 * checked by `redeemCoupon` (and `assertClientMayUse` before it), under the coupon's row lock.
 */
export function couponDiscount(coupon: Coupon, lines: readonly CouponLine[], currency: string, at: Date): CouponDiscount {
  if (coupon.disabledAt) throw couponRefused(`The coupon ${coupon.code} is no longer valid.`);
  if (coupon.validUntil && coupon.validUntil.getTime() < at.getTime()) {
    throw couponRefused(`The coupon ${coupon.code} expired on ${coupon.validUntil.toISOString().slice(0, 10)}.`);
  }
  if (coupon.maxUses !== null && coupon.uses >= coupon.maxUses) throw couponRefused(`The coupon ${coupon.code} has been used up.`);
  if (coupon.kind === "fixed" && coupon.currency !== currency) {
    throw couponRefused(`The coupon ${coupon.code} is for orders in ${coupon.currency}; this order is in ${currency}.`);
  }
  const matching = lines.filter((l) => couponApplies(coupon, l));
  if (matching.length === 0) throw couponRefused(`The coupon ${coupon.code} does not apply to these plans or periods.`);
  if (coupon.kind === "percent") {
    const amount = matching.reduce((s, l) => s + percentOf(l.price, coupon.percent!), 0);
    return { coupon, amount, description: `Coupon ${coupon.code} (${coupon.percent}% off)` };
  }
  const base = matching.reduce((s, l) => s + l.price, 0);
  const amount = Math.min(coupon.amount!, base);
  return { coupon, amount, description: `Coupon ${coupon.code} (${formatAmount(coupon.amount!, currency)} off)` };
}

async function usesBy(conn: Conn, couponId: number, clientId: number): Promise<number> {
  const [row] = await conn.select({ n: count() }).from(couponRedemptions).where(and(eq(couponRedemptions.couponId, couponId), eq(couponRedemptions.clientId, clientId)));
  return row?.n ?? 0;
}

/** Refuses a client who has used the coupon as many times as it allows each client. */
export async function assertClientMayUse(conn: Conn, coupon: Coupon, clientId: number): Promise<void> {
  if (coupon.maxUsesPerClient === null) return;
  if ((await usesBy(conn, coupon.id, clientId)) >= coupon.maxUsesPerClient) {
    throw couponRefused(coupon.maxUsesPerClient === 1 ? `You have already used the coupon ${coupon.code}.` : `You have already used the coupon ${coupon.code} ${coupon.maxUsesPerClient} times, as many as it allows.`);
  }
}

/**
 * Records a use in the order's transaction. The use count is raised by a conditional update
 * (`uses < max_uses`), which also locks the coupon's row until the transaction ends: concurrent
 * orders with the same coupon take their turn, so neither the limit in all nor the one per client
 * (counted after the lock, under READ COMMITTED a fresh snapshot) can be exceeded.
 */
export async function redeemCoupon(tx: Tx, input: { discount: CouponDiscount; clientId: number; orderId: number; invoiceId: number; currency: string }) {
  const { coupon } = input.discount;
  const [raised] = await tx
    .update(coupons)
    .set({ uses: sql`${coupons.uses} + 1` })
    .where(and(eq(coupons.id, coupon.id), isNull(coupons.disabledAt), or(isNull(coupons.maxUses), lt(coupons.uses, coupons.maxUses))))
    .returning({ id: coupons.id });
  if (!raised) throw couponRefused(`The coupon ${coupon.code} has been used up.`);
  await assertClientMayUse(tx, coupon, input.clientId);
  await tx.insert(couponRedemptions).values({
    couponId: coupon.id, clientId: input.clientId, orderId: input.orderId, invoiceId: input.invoiceId, amount: input.discount.amount, currency: input.currency,
  });
}
