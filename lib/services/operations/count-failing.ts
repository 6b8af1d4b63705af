import { and, count, eq, gt, isNotNull } from "drizzle-orm";
import { operations } from "../../db/schema";
import { requireStaff, type Ctx } from "../context";

/** Operations failing now: queued again after a failed attempt (operations_status_idx serves it). */
export async function countFailingOperations({ ctx }: { ctx: Ctx; input?: unknown }): Promise<number> {
  requireStaff(ctx.actor);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(operations)
    .where(and(eq(operations.status, "queued"), gt(operations.attempts, 0), isNotNull(operations.lastError)));
  return Number(row?.n ?? 0);
}
