import { asc, and, eq } from "drizzle-orm";
import { z } from "zod";
import { tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { currencyCode } from "../../billing/currency";
import { loadPriceLists } from "../../billing/price-list";
import { productTypes, type ProductType } from "../../vocabulary";
import type { OrderNeed } from "../../modules/contract";
import { orderNeedsOf } from "../../billing/order-needs";
import { parseInput, type Ctx } from "../context";
import { onSale } from "../tariffs/on-sale";

export const listCatalogInput = z.object({
  tariffId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  productType: z.enum(productTypes).optional(),
  /** Priced in this currency (a client's): tariffs with no price in it are left out. */
  currency: currencyCode.optional(),
});

export type CatalogPrice = typeof tariffPrices.$inferSelect;
export type CatalogResource = typeof tariffResources.$inferSelect;
export type CatalogEntry = {
  id: number;
  productType: ProductType;
  name: string;
  description: string;
  /** The currency of `prices` and the add-ons' unit prices. */
  currency: string;
  /** Every currency the tariff has a price list in. */
  currencies: string[];
  tlds: string[];
  prices: CatalogPrice[];
  resources: CatalogResource[];
  /** What an order must carry (a domain, the client's contacts, an OS), from the tariff's modules. */
  orderNeeds: OrderNeed[];
};

/**
 * Tariffs on sale (published, with an enabled handler or sold to be set up by hand) with everything
 * the store shows and prices with: prices per period and resources with their add-on limits and
 * unit prices. For anyone; the panel template stays inside. Priced in `currency` when given (leaving
 * out the tariffs with no price in it), else in each tariff's own currency.
 */
export async function listCatalog({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<CatalogEntry[]> {
  const data = parseInput(listCatalogInput, input ?? {});
  const rows = await ctx.db
    .select()
    .from(tariffs)
    .where(and(onSale, data.tariffId ? eq(tariffs.id, data.tariffId) : undefined, data.productType ? eq(tariffs.productType, data.productType) : undefined))
    .orderBy(asc(tariffs.productType), asc(tariffs.name));
  if (rows.length === 0) return [];
  const ids = rows.map((t) => t.id);
  const lists = await loadPriceLists(ctx.db, ids);
  const needs = await orderNeedsOf(ctx.db, ids);
  return rows.flatMap((t) => {
    const byCurrency = lists.get(t.id);
    const list = byCurrency?.get(data.currency ?? t.currency);
    if (!list) return [];
    return [{
      id: t.id,
      productType: t.productType,
      name: t.name,
      description: t.description,
      currency: list.currency,
      currencies: [...(byCurrency?.keys() ?? [])].sort(),
      tlds: t.tlds,
      prices: list.prices,
      resources: list.resources,
      orderNeeds: [...(needs.get(t.id) ?? [])].sort(),
    }];
  });
}
