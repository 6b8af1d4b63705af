import { eq, inArray } from "drizzle-orm";
import type { Conn } from "../db";
import { handlers, tariffHandlers } from "../db/schema";
import type { OrderNeed } from "../modules/contract";
import { modules } from "../modules/registry";

/**
 * What an order of each tariff must carry, from the metadata of its handlers' modules: a tariff
 * needs what any of its handlers needs, so whichever handler runs the order has it.
 */
export async function orderNeedsOf(conn: Conn, tariffIds: number[]): Promise<Map<number, Set<OrderNeed>>> {
  const needs = new Map<number, Set<OrderNeed>>(tariffIds.map((id) => [id, new Set()]));
  if (tariffIds.length === 0) return needs;
  const rows = await conn
    .select({ tariffId: tariffHandlers.tariffId, module: handlers.module })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(inArray(tariffHandlers.tariffId, tariffIds));
  for (const row of rows) {
    for (const need of modules[row.module]?.orderNeeds ?? []) needs.get(row.tariffId)?.add(need);
  }
  return needs;
}
