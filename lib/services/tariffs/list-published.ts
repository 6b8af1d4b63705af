import { asc, inArray } from "drizzle-orm";
import { tariffPrices, tariffs } from "../../db/schema";
import type { ProductType } from "../../vocabulary";
import type { Ctx } from "../context";
import { onSale } from "./on-sale";

export type CatalogTariff = {
  id: number;
  productType: ProductType;
  name: string;
  description: string;
  currency: string;
  prices: { months: number; price: number }[];
};

/** The store catalog: tariffs on sale (see on-sale.ts) with their prices, for anyone (no sign-in needed). */
export async function listPublishedTariffs({ ctx }: { ctx: Ctx }): Promise<CatalogTariff[]> {
  const rows = await ctx.db
    .select()
    .from(tariffs)
    .where(onSale)
    .orderBy(asc(tariffs.productType), asc(tariffs.name));
  if (rows.length === 0) return [];
  const prices = await ctx.db
    .select()
    .from(tariffPrices)
    .where(inArray(tariffPrices.tariffId, rows.map((t) => t.id)))
    .orderBy(asc(tariffPrices.months));
  return rows.map((t) => ({
    id: t.id,
    productType: t.productType,
    name: t.name,
    description: t.description,
    currency: t.currency,
    prices: prices.filter((p) => p.tariffId === t.id).map(({ months, price }) => ({ months, price })),
  }));
}
