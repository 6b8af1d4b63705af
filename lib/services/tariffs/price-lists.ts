import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Conn, Tx } from "../../db";
import { tariffCurrencyAddonPrices, tariffCurrencyPrices } from "../../db/schema";
import { currencyCode } from "../../billing/currency";
import { periods } from "../../vocabulary";
import { ValidationError } from "../../errors";

const periodPrice = z.object({ months: z.number().int().refine((m) => (periods as readonly number[]).includes(m), "Not a sold period"), price: z.number().int().min(0) });

/** A tariff's prices in a currency other than its own: per period, and the add-ons' monthly unit prices. */
export const otherPricesInput = z
  .array(
    z.object({
      currency: currencyCode,
      prices: z.array(periodPrice).min(1, "Give at least one price in this currency"),
      addonPrices: z.array(z.object({ key: z.string().trim().regex(/^[a-z][a-z0-9_]*$/), unitPrice: z.number().int().min(0) })).default([]),
    }),
  )
  .max(20)
  .default([]);
export type OtherPrices = z.output<typeof otherPricesInput>;

/** Each other currency once, not the tariff's own, each period once, add-on prices only for its add-ons. */
export function checkOtherPrices(own: string, other: OtherPrices, resources: { key: string; addon: boolean }[]) {
  const seen = new Set<string>();
  other.forEach((list, i) => {
    if (list.currency === own) throw new ValidationError({ [`otherPrices.${i}.currency`]: [`${own} is the tariff's own currency: give its prices above`] });
    if (seen.has(list.currency)) throw new ValidationError({ [`otherPrices.${i}.currency`]: [`Give the prices in ${list.currency} once`] });
    seen.add(list.currency);
    const months = list.prices.map((p) => p.months);
    if (new Set(months).size !== months.length) throw new ValidationError({ [`otherPrices.${i}.prices`]: ["Give each period one price"] });
    for (const a of list.addonPrices) {
      if (!resources.some((r) => r.key === a.key && r.addon)) throw new ValidationError({ [`otherPrices.${i}.addonPrices`]: [`${a.key} is not an add-on of this tariff`] });
    }
  });
}

/** Replaces the tariff's prices in other currencies (its own stay in tariff_prices). */
export async function saveOtherPrices(tx: Tx, tariffId: number, other: OtherPrices) {
  await tx.delete(tariffCurrencyPrices).where(eq(tariffCurrencyPrices.tariffId, tariffId));
  await tx.delete(tariffCurrencyAddonPrices).where(eq(tariffCurrencyAddonPrices.tariffId, tariffId));
  const prices = other.flatMap((l) => l.prices.map((p) => ({ tariffId, currency: l.currency, ...p })));
  const addons = other.flatMap((l) => l.addonPrices.map((a) => ({ tariffId, currency: l.currency, ...a })));
  if (prices.length) await tx.insert(tariffCurrencyPrices).values(prices);
  if (addons.length) await tx.insert(tariffCurrencyAddonPrices).values(addons);
}

/** The tariff's prices in other currencies, as the editor and `otherPricesInput` take them. */
export async function loadOtherPrices(conn: Conn, tariffId: number): Promise<OtherPrices> {
  const prices = await conn.select().from(tariffCurrencyPrices).where(eq(tariffCurrencyPrices.tariffId, tariffId)).orderBy(asc(tariffCurrencyPrices.currency), asc(tariffCurrencyPrices.months));
  const addons = await conn.select().from(tariffCurrencyAddonPrices).where(eq(tariffCurrencyAddonPrices.tariffId, tariffId));
  return [...new Set(prices.map((p) => p.currency))].map((currency) => ({
    currency,
    prices: prices.filter((p) => p.currency === currency).map(({ months, price }) => ({ months, price })),
    addonPrices: addons.filter((a) => a.currency === currency).map(({ key, unitPrice }) => ({ key, unitPrice })),
  }));
}
