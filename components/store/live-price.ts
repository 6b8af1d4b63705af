import { priceItem } from "@/lib/billing/price";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import type { CatalogEntry } from "@/lib/services/catalog/list";

/** The same price function as checkout, run in the browser: a total, or the field errors it found. */
export function livePrice(tariff: CatalogEntry, item: { months: number; addons: Record<string, number> }): { total: number | null; errors: FieldErrors } {
  try {
    return { total: priceItem(tariff.prices, tariff.resources, item), errors: {} };
  } catch (error) {
    if (error instanceof ValidationError) return { total: null, errors: error.fields };
    throw error;
  }
}
