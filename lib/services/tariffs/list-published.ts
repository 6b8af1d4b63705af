import type { ProductType } from "../../vocabulary";
import type { Ctx } from "../context";
import { listCatalog } from "../catalog/list";
import { viewerCurrency } from "../catalog/currency-note";

export type CatalogTariff = {
  id: number;
  productType: ProductType;
  name: string;
  description: string;
  /** The currency of `prices`: the client's own for a client, else the tariff's. */
  currency: string;
  /** Every currency the tariff is priced in. */
  currencies: string[];
  prices: { months: number; price: number }[];
};

/**
 * The store catalog: tariffs on sale (see on-sale.ts) with their prices, for anyone (no sign-in
 * needed). A client (or its API key) gets the tariffs priced in its currency, at those prices.
 */
export async function listPublishedTariffs({ ctx }: { ctx: Ctx }): Promise<CatalogTariff[]> {
  const currency = await viewerCurrency(ctx);
  const entries = await listCatalog({ ctx, input: currency ? { currency } : {} });
  return entries.map((t) => ({
    id: t.id,
    productType: t.productType,
    name: t.name,
    description: t.description,
    currency: t.currency,
    currencies: t.currencies,
    prices: t.prices.map(({ months, price }) => ({ months, price })),
  }));
}
