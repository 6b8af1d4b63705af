import { eq, inArray } from "drizzle-orm";
import { clients, tariffs } from "../../db/schema";
import { priceItems, type ItemInput } from "../../billing/price";
import { tariffHandlerFacts } from "../../billing/order-needs";
import { loadPriceLists, notPricedIn } from "../../billing/price-list";
import type { Ctx } from "../context";

/**
 * An order's lines priced for its client: each tariff at its price in the client's currency (a tariff
 * with none is refused), hidden tariffs only for the system. Used by checkout and the coupon preview.
 * Also what checkout uses next without reading again: the tariffs with an enabled handler
 * (`served`), when the client was suspended (`suspendedAt`), and whom its emails go to (`client`).
 */
export async function priceOrder(ctx: Ctx, clientId: number, items: ItemInput[]) {
  const tariffIds = [...new Set(items.map((i) => i.tariffId))];
  const found = await ctx.db.select().from(tariffs).where(inArray(tariffs.id, tariffIds));
  const [client] = await ctx.db
    .select({ currency: clients.currency, suspendedAt: clients.suspendedAt, name: clients.name, email: clients.email, locale: clients.locale })
    .from(clients)
    .where(eq(clients.id, clientId));
  // The currency a client pays in, as clientCurrencyOf reads it.
  const currency = client?.currency ?? "USD";
  const lists = await loadPriceLists(ctx.db, tariffIds, found, currency);
  const { needs, served } = await tariffHandlerFacts(ctx.db, tariffIds);
  const lines = priceItems(items, (id) => {
    const tariff = found.find((t) => t.id === id);
    if (!tariff || (!tariff.published && ctx.actor.type !== "system")) return undefined;
    const list = lists.get(id)?.get(currency);
    if (!list) throw notPricedIn(tariff.name, currency);
    return { ...tariff, currency, prices: list.prices, resources: list.resources, orderNeeds: [...(needs.get(id) ?? [])] };
  });
  return { found, currency, needs, served, suspendedAt: client?.suspendedAt ?? null, client, lines };
}
