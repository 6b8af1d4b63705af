import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { coupons } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const disableCouponInput = z.object({ couponId: z.coerce.number().int().positive().max(2_147_483_647) });

/** An admin stops a coupon: orders placed afterwards refuse it; orders already placed keep their discount. */
export async function disableCoupon({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { couponId } = parseInput(disableCouponInput, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(coupons).set({ disabledAt: now(ctx) }).where(and(eq(coupons.id, couponId), isNull(coupons.disabledAt))).returning();
    if (!row) {
      const [existing] = await tx.select().from(coupons).where(eq(coupons.id, couponId));
      if (!existing) throw notFound("Coupon not found");
      return existing;
    }
    await audit(tx, ctx.actor, { action: "coupon.disable", entity: "coupon", entityId: row.id });
    return row;
  });
}
