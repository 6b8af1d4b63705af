import { z } from "zod";
import { assertClientMayUse, couponDiscount, findCoupon } from "../../billing/coupon";
import { ValidationError } from "../../errors";
import { createOrderInput } from "../orders/create";
import { priceOrder } from "../orders/price-order";
import { now, parseInput, type Ctx } from "../context";

export const previewCouponInput = z.object({ items: createOrderInput.shape.items, coupon: z.string().trim().min(1).max(64) });

/**
 * What a coupon takes off a client's cart before checkout, with the same rules checkout applies
 * (tariffs, periods, expiry, uses, currency, uses per client), or the same refusal. Writes nothing.
 */
export async function previewCoupon({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(previewCouponInput, input);
  const clientId = ctx.actor.type === "user" || ctx.actor.type === "api_key" ? ctx.actor.clientId : null;
  if (!clientId) throw new ValidationError({ coupon: ["Sign in as a client to use a coupon"] });
  const { currency, lines } = await priceOrder(ctx, clientId, data.items);
  const discount = couponDiscount(await findCoupon(ctx.db, data.coupon), lines, currency, now(ctx));
  await assertClientMayUse(ctx.db, discount.coupon, clientId);
  const subtotal = lines.reduce((sum, l) => sum + l.price, 0);
  const { coupon } = discount;
  return {
    code: coupon.code,
    percent: coupon.kind === "percent" ? coupon.percent : null,
    fixed: coupon.kind === "fixed" ? coupon.amount : null,
    discount: discount.amount,
    currency,
    subtotal,
    total: subtotal - discount.amount,
  };
}
