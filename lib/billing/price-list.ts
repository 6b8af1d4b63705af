import { asc, eq, inArray } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, tariffCurrencyAddonPrices, tariffCurrencyPrices, tariffPrices, tariffResources, tariffs } from "../db/schema";
import { unprocessable } from "../errors";

type Resource = typeof tariffResources.$inferSelect;
type Price = typeof tariffPrices.$inferSelect;

/** A tariff's prices in one currency: per period, and its resources with the add-ons' unit prices in it. */
export type PriceList = { currency: string; prices: Price[]; resources: Resource[] };

/**
 * Every price list of the tariffs, by tariff id and currency: the tariff's own currency from
 * `tariff_prices` and `tariff_resources`, the others from `tariff_currency_prices`. In another
 * currency an add-on without a unit price of its own is not offered (never converted). A caller
 * that has read the tariffs already passes them (`known`), and they are not read again; with
 * them, `only` asks for the lists in one currency, and the tables that cannot hold it are not read.
 */
export async function loadPriceLists(conn: Conn, tariffIds: number[], known?: { id: number; currency: string }[], only?: string): Promise<Map<number, Map<string, PriceList>>> {
  const lists = new Map<number, Map<string, PriceList>>();
  if (tariffIds.length === 0) return lists;
  const ownIds = known && only ? known.filter((t) => t.currency === only).map((t) => t.id) : tariffIds;
  const otherIds = known && only ? known.filter((t) => t.currency !== only).map((t) => t.id) : tariffIds;
  const [own, base, resources, other, addons] = await Promise.all([
    known ?? conn.select({ id: tariffs.id, currency: tariffs.currency }).from(tariffs).where(inArray(tariffs.id, tariffIds)),
    ownIds.length ? conn.select().from(tariffPrices).where(inArray(tariffPrices.tariffId, ownIds)).orderBy(asc(tariffPrices.months)) : [],
    conn.select().from(tariffResources).where(inArray(tariffResources.tariffId, tariffIds)).orderBy(asc(tariffResources.id)),
    otherIds.length ? conn.select().from(tariffCurrencyPrices).where(inArray(tariffCurrencyPrices.tariffId, otherIds)).orderBy(asc(tariffCurrencyPrices.months)) : [],
    otherIds.length ? conn.select().from(tariffCurrencyAddonPrices).where(inArray(tariffCurrencyAddonPrices.tariffId, otherIds)) : [],
  ]);
  for (const t of own) {
    const mine = resources.filter((r) => r.tariffId === t.id);
    const byCurrency = new Map<string, PriceList>();
    const prices = base.filter((p) => p.tariffId === t.id);
    if (prices.length) byCurrency.set(t.currency, { currency: t.currency, prices, resources: mine });
    for (const p of other.filter((o) => o.tariffId === t.id && o.currency !== t.currency)) {
      let list = byCurrency.get(p.currency);
      if (!list) {
        const unit = (key: string) => addons.find((a) => a.tariffId === t.id && a.currency === p.currency && a.key === key)?.unitPrice;
        const priced = mine.map((r) => ({ ...r, unitPrice: unit(r.key) ?? 0, addon: r.addon && unit(r.key) !== undefined }));
        list = { currency: p.currency, prices: [], resources: priced };
        byCurrency.set(p.currency, list);
      }
      list.prices.push({ tariffId: t.id, months: p.months, price: p.price });
    }
    lists.set(t.id, byCurrency);
  }
  return lists;
}

/** One tariff's price list in a currency, or null when it has no price in it. */
export async function priceListOf(conn: Conn, tariffId: number, currency: string): Promise<PriceList | null> {
  return (await loadPriceLists(conn, [tariffId])).get(tariffId)?.get(currency) ?? null;
}

/** The currency a client pays in (its balance's). */
export async function clientCurrencyOf(conn: Conn, clientId: number): Promise<string> {
  const [client] = await conn.select({ currency: clients.currency }).from(clients).where(eq(clients.id, clientId));
  return client?.currency ?? "USD";
}

/** The words for a tariff with no price in the client's currency: it cannot be ordered from that account. */
export function notPricedIn(tariffName: string, currency: string) {
  return unprocessable(`${tariffName} has no price in ${currency}, the currency this account pays in, so it cannot be ordered from this account.`, {
    code: "not_priced_in_currency",
    currency,
  });
}
