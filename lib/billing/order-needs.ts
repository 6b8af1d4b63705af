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
  return (await tariffHandlerFacts(conn, tariffIds)).needs;
}

/**
 * The same needs, and the tariffs that have at least one enabled handler (`served`, as
 * tariffsWithEnabledHandler tells), from one read of the tariffs' handlers.
 */
export async function tariffHandlerFacts(conn: Conn, tariffIds: number[]): Promise<{ needs: Map<number, Set<OrderNeed>>; served: Set<number> }> {
  const needs = new Map<number, Set<OrderNeed>>(tariffIds.map((id) => [id, new Set()]));
  const served = new Set<number>();
  if (tariffIds.length === 0) return { needs, served };
  const rows = await conn
    .select({ tariffId: tariffHandlers.tariffId, module: handlers.module, enabled: handlers.enabled })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(inArray(tariffHandlers.tariffId, tariffIds));
  for (const row of rows) {
    for (const need of modules[row.module]?.orderNeeds ?? []) needs.get(row.tariffId)?.add(need);
    if (row.enabled) served.add(row.tariffId);
  }
  return { needs, served };
}
