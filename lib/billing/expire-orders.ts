import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../db";
import { orders } from "../db/schema";
import { systemClock, type Clock } from "../clock";
import { readSettings } from "../settings";
import { cancelUnpaidOrderTx } from "../services/orders/cancel";

const DAY_MS = 86_400_000;

/**
 * The unpaid-order sweep: orders left unpaid longer than settings.unpaidOrderDays are cancelled
 * with their invoices. A card payment that still arrives for one stays on the client's balance.
 */
export async function expireUnpaidOrders(db: Db, opts: { clock?: Clock; limit?: number } = {}): Promise<number> {
  const at = (opts.clock ?? systemClock).now();
  const { unpaidOrderDays } = await readSettings(db);
  const cutoff = new Date(at.getTime() - unpaidOrderDays * DAY_MS);
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "unpaid"), lt(orders.createdAt, cutoff)))
    .orderBy(orders.id)
    .limit(opts.limit ?? 500);
  let expired = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, id)).for("update");
      if (order?.status !== "unpaid") return false;
      await cancelUnpaidOrderTx(tx, { type: "system" }, id, "expired", at);
      return true;
    });
    if (done) expired++;
  }
  return expired;
}
