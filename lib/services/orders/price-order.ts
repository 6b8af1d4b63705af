import { inArray } from "drizzle-orm";
import { tariffs } from "../../db/schema";
import { priceItems, type ItemInput } from "../../billing/price";
import { orderNeedsOf } from "../../billing/order-needs";
import { clientCurrencyOf, loadPriceLists, notPricedIn } from "../../billing/price-list";
import type { Ctx } from "../context";

/**
 * An order's lines priced for its client: each tariff at its price in the client's currency (a tariff
 * with none is refused), hidden tariffs only for the system. Used by checkout and the coupon preview.
 */
export async function priceOrder(ctx: Ctx, clientId: number, items: ItemInput[]) {
  const tariffIds = [...new Set(items.map((i) => i.tariffId))];
  const found = await ctx.db.select().from(tariffs).where(inArray(tariffs.id, tariffIds));
  const currency = await clientCurrencyOf(ctx.db, clientId);
  const lists = await loadPriceLists(ctx.db, tariffIds);
  const needs = await orderNeedsOf(ctx.db, tariffIds);
  const lines = priceItems(items, (id) => {
    const tariff = found.find((t) => t.id === id);
    if (!tariff || (!tariff.published && ctx.actor.type !== "system")) return undefined;
    const list = lists.get(id)?.get(currency);
    if (!list) throw notPricedIn(tariff.name, currency);
    return { ...tariff, currency, prices: list.prices, resources: list.resources, orderNeeds: [...(needs.get(id) ?? [])] };
  });
  return { found, currency, needs, lines };
}
