import { asc, and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { productTypes, type ProductType } from "../../vocabulary";
import type { OrderNeed } from "../../modules/contract";
import { orderNeedsOf } from "../../billing/order-needs";
import { parseInput, type Ctx } from "../context";
import { onSale } from "../tariffs/on-sale";

export const listCatalogInput = z.object({
  tariffId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  productType: z.enum(productTypes).optional(),
});

export type CatalogPrice = typeof tariffPrices.$inferSelect;
export type CatalogResource = typeof tariffResources.$inferSelect;
export type CatalogEntry = {
  id: number;
  productType: ProductType;
  name: string;
  description: string;
  currency: string;
  tlds: string[];
  prices: CatalogPrice[];
  resources: CatalogResource[];
  /** What an order must carry (a domain, the client's contacts, an OS), from the tariff's modules. */
  orderNeeds: OrderNeed[];
};

/**
 * Tariffs on sale (published, with an enabled handler or sold to be set up by hand) with everything
 * the store shows and prices with: prices per period and resources with their add-on limits and
 * unit prices. For anyone; the panel template stays inside.
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
  const prices = await ctx.db.select().from(tariffPrices).where(inArray(tariffPrices.tariffId, ids)).orderBy(asc(tariffPrices.months));
  const resources = await ctx.db.select().from(tariffResources).where(inArray(tariffResources.tariffId, ids)).orderBy(asc(tariffResources.id));
  const needs = await orderNeedsOf(ctx.db, ids);
  return rows.map((t) => ({
    id: t.id,
    productType: t.productType,
    name: t.name,
    description: t.description,
    currency: t.currency,
    tlds: t.tlds,
    prices: prices.filter((p) => p.tariffId === t.id),
    resources: resources.filter((r) => r.tariffId === t.id),
    orderNeeds: [...(needs.get(t.id) ?? [])].sort(),
  }));
}
