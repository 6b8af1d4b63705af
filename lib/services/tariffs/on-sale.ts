import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers, tariffHandlers, tariffs } from "../../db/schema";
import { unprocessable } from "../../errors";

export const notOnSaleMessage = "This plan is not on sale right now";

/** SQL: the tariff of the outer query has at least one enabled handler. */
export const hasEnabledHandler: SQL<boolean> = sql<boolean>`exists (select 1 from ${tariffHandlers} th join ${handlers} h on h.id = th.handler_id where th.tariff_id = ${tariffs.id} and h.enabled)`;

/**
 * SQL: the store sells the tariff: published, and either a module can set it up (an enabled
 * handler) or the admin chose to sell it anyway and have staff set it up by hand.
 */
export const onSale: SQL = and(eq(tariffs.published, true), or(eq(tariffs.sellWithoutHandler, true), hasEnabledHandler))!;

/** Whether a tariff with these handlers is sold: the same rule as `onSale`, for a loaded tariff. */
export function saleState(tariff: { published: boolean; sellWithoutHandler: boolean }, linked: { enabled: boolean }[]) {
  const noEnabledHandler = !linked.some((h) => h.enabled);
  return { noEnabledHandler, onSale: tariff.published && (tariff.sellWithoutHandler || !noEnabledHandler) };
}

/** Of these tariffs, the ids that have at least one enabled handler. */
export async function tariffsWithEnabledHandler(conn: Conn, tariffIds: number[]): Promise<Set<number>> {
  if (tariffIds.length === 0) return new Set();
  const rows = await conn
    .selectDistinct({ tariffId: tariffHandlers.tariffId })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(and(inArray(tariffHandlers.tariffId, tariffIds), eq(handlers.enabled, true)));
  return new Set(rows.map((r) => r.tariffId));
}

/**
 * Refuses an order of a tariff no module can set up (no enabled handler) unless the tariff is
 * sold anyway, to be set up by hand. `served`: those tariffs with an enabled handler, when the
 * caller has read them already.
 */
export async function assertOnSale(conn: Conn, ordered: { id: number; sellWithoutHandler: boolean }[], served?: Set<number>): Promise<void> {
  const enabled = served ?? (await tariffsWithEnabledHandler(conn, ordered.map((t) => t.id)));
  const off = ordered.find((t) => !t.sellWithoutHandler && !enabled.has(t.id));
  if (off) throw unprocessable(notOnSaleMessage, { code: "not_on_sale", tariffId: off.id });
}
