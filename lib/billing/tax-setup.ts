import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "../db";
import { settings, taxRates } from "../db/schema";
import { memoized } from "../db/memo";
import { isCountryCode } from "./contacts";
import type { TaxBuyer, TaxSetup } from "./tax";

/** The tax settings (admin → Settings → Tax), kept in `settings` beside the others. */
export const taxSettingsSchema = z.object({
  /** Catalogue prices include tax; false: tax is added on top. */
  pricesIncludeTax: z.boolean(),
  /** The seller's country; null: INVOICE_SELLER_COUNTRY. */
  sellerCountry: z.string().refine(isCountryCode, "Choose a country from the list").nullable(),
});
export type TaxSettings = z.infer<typeof taxSettingsSchema>;
const defaults: TaxSettings = { pricesIncludeTax: false, sellerCountry: null };
const keys = Object.keys(defaults) as (keyof TaxSettings)[];

export function readTaxSettings(conn: Conn): Promise<TaxSettings> {
  return memoized(conn, "tax-settings", () => loadTaxSettings(conn));
}

async function loadTaxSettings(conn: Conn): Promise<TaxSettings> {
  const stored = await conn.select().from(settings).where(inArray(settings.key, keys));
  const merged: Record<string, unknown> = { ...defaults };
  for (const row of stored) merged[row.key] = row.value;
  const parsed = taxSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaults;
}

export async function writeTaxSettings(conn: Conn, values: TaxSettings): Promise<void> {
  for (const key of keys) {
    // a JSON null, not SQL NULL: "the seller country from the environment" is a value too
    const value = values[key] === null ? sql`'null'::jsonb` : values[key];
    await conn.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  }
}

/** The seller's country: the setting, else INVOICE_SELLER_COUNTRY when it is an ISO code, else none. */
export function sellerCountryOf(setting: string | null): string | null {
  const env = process.env.INVOICE_SELLER_COUNTRY?.trim().toUpperCase() || null;
  return setting ?? (env && isCountryCode(env) ? env : null);
}

/** Everything tax.ts needs about the seller: its country, the price setting and the rates. */
export async function loadTaxSetup(conn: Conn): Promise<TaxSetup> {
  const s = await readTaxSettings(conn);
  const rates = await memoized(conn, "tax-rates", () => conn.select({ country: taxRates.country, region: taxRates.region, name: taxRates.name, rateBp: taxRates.rateBp }).from(taxRates));
  return { sellerCountry: sellerCountryOf(s.sellerCountry), pricesIncludeTax: s.pricesIncludeTax, rates };
}

/** The tax facts of a client row. */
export function taxBuyerOf(client: { country: string | null; region: string | null; taxId: string | null; taxExempt: boolean; taxExemptReason: string | null }): TaxBuyer {
  return { country: client.country, region: client.region, taxId: client.taxId, taxExempt: client.taxExempt, taxExemptReason: client.taxExemptReason };
}
