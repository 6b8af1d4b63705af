import { desc } from "drizzle-orm";
import { coupons } from "../../db/schema";
import { requireAdmin, type Ctx } from "../context";

/** Every coupon, newest first, with its use count. */
export async function listCoupons({ ctx }: { ctx: Ctx }) {
  requireAdmin(ctx.actor);
  return ctx.db.select().from(coupons).orderBy(desc(coupons.id));
}
