import type { tariffPrices, tariffResources } from "../db/schema";
import type { ProductType } from "../vocabulary";
import { notFound, ValidationError } from "../errors";
import type { OrderNeed } from "../modules/contract";
import { normalizeOrderParams, type OrderParamsInput } from "./order-params";

type Price = typeof tariffPrices.$inferSelect;
type Resource = typeof tariffResources.$inferSelect;

/**
 * The price of one item in minor units: the tariff's price for the period plus each add-on's
 * extra units at its monthly unit price for the period's months. Throws field errors for a period
 * the tariff does not sell or add-ons outside their limits.
 */
export function priceItem(
  prices: Price[],
  resources: Resource[],
  item: { months: number; addons: Record<string, number> },
): number {
  const base = prices.find((p) => p.months === item.months);
  if (!base) throw new ValidationError({ months: [`This tariff is not sold for ${item.months} months`] });
  let total = base.price;
  for (const [key, extra] of Object.entries(item.addons)) {
    if (extra === 0) continue;
    const resource = resources.find((r) => r.key === key);
    if (!resource || !resource.addon) throw new ValidationError({ [`addons.${key}`]: ["This add-on is not offered"] });
    if (!Number.isInteger(extra) || extra < 0 || extra > resource.maxExtra) {
      throw new ValidationError({ [`addons.${key}`]: [`Choose from 0 to ${resource.maxExtra}`] });
    }
    total += extra * resource.unitPrice * item.months;
  }
  return total;
}

/** Resource amounts a service gets: the tariff's amounts plus the add-on units bought. */
export function resourceAmounts(resources: Resource[], addons: Record<string, number>): Record<string, number> {
  return Object.fromEntries(resources.map((r) => [r.key, r.amount + (addons[r.key] ?? 0)]));
}

type PricedTariff = { id: number; name: string; productType: ProductType; tlds: string[]; currency: string; prices: Price[]; resources: Resource[]; orderNeeds?: readonly OrderNeed[] };
export type ItemInput = { tariffId: number; months: number; addons: Record<string, number>; params: OrderParamsInput };

/**
 * Checks and prices order items against their tariffs, the same way for a quote and a checkout:
 * order parameters normalised (a domain becomes punycode), field errors keyed "items.N.…".
 */
export function priceItems<T extends PricedTariff>(items: ItemInput[], tariffOf: (id: number) => T | undefined) {
  return items.map((item, index) => {
    const tariff = tariffOf(item.tariffId);
    if (!tariff) throw notFound(`Tariff ${item.tariffId} not found`);
    const field = `items.${index}`;
    const params = normalizeOrderParams(tariff.productType, tariff.tlds, item.params, `${field}.params`, new Set(tariff.orderNeeds ?? []));
    try {
      return { ...item, params, price: priceItem(tariff.prices, tariff.resources, item), tariff };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`${field}.${k}`, v])));
    }
  });
}
