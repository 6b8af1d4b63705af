import type { TaxCategory } from "../vocabulary";
import { isEu, isEuVatNumber } from "./tax-id";

/**
 * Tax is computed here and nowhere else. An invoice's lines are taxed once, when it is issued
 * (lib/billing/issue-invoice.ts), and the results are stored on its lines: rates edited later
 * never change an issued invoice. Amounts are integers of minor units.
 */

export type TaxRate = { country: string; region: string; name: string; rateBp: number };
export type TaxSetup = {
  /** The seller's country (ISO 3166-1 alpha-2), which decides domestic, EU and export sales. */
  sellerCountry: string | null;
  /** Catalogue prices include tax (the buyer pays the price) or exclude it (tax is added on top). */
  pricesIncludeTax: boolean;
  rates: readonly TaxRate[];
};
export type TaxBuyer = { country: string | null; region: string | null; taxId: string | null; taxExempt: boolean; taxExemptReason: string | null };
export type TaxTreatment = { category: TaxCategory; rateBp: number; name: string | null; note: string | null };

export const reverseChargeNote = "Reverse charge: VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC";
export const outsideEuNote = "VAT not charged: the customer is outside the EU (place of supply outside the EU)";

/** The rate for a country and region: the region's own, else the country's (region ''). */
export function findRate(rates: readonly TaxRate[], country: string, region: string | null): TaxRate | undefined {
  return (region ? rates.find((r) => r.country === country && r.region === region) : undefined) ?? rates.find((r) => r.country === country && r.region === "");
}

/**
 * How a buyer is taxed:
 * - a client the admin made exempt: no tax, the exemption as the note;
 * - an EU seller and a buyer outside the EU: no VAT (export of services);
 * - an EU seller and a business in another EU state with a valid VAT number: reverse charge;
 * - otherwise the rate configured for the buyer's country and region (domestic sales at the
 *   seller's own rate, EU consumers at their country's rate); no rate configured means no tax.
 * A buyer without a country on file is taxed as domestic (the seller's country).
 */
export function taxTreatment(setup: TaxSetup, buyer: TaxBuyer): TaxTreatment {
  if (buyer.taxExempt) {
    return { category: "exempt", rateBp: 0, name: null, note: `Exempt from tax${buyer.taxExemptReason?.trim() ? `: ${buyer.taxExemptReason.trim()}` : ""}` };
  }
  const seller = setup.sellerCountry;
  const country = buyer.country ?? seller;
  if (!country) return { category: "none", rateBp: 0, name: null, note: null };
  if (isEu(seller)) {
    if (!isEu(country)) return { category: "none", rateBp: 0, name: null, note: outsideEuNote };
    if (country !== seller && isEuVatNumber(country, buyer.taxId)) return { category: "reverse_charge", rateBp: 0, name: "VAT", note: reverseChargeNote };
  }
  const rate = findRate(setup.rates, country, buyer.country ? buyer.region : null);
  if (!rate) return { category: "none", rateBp: 0, name: null, note: null };
  return { category: "standard", rateBp: rate.rateBp, name: rate.name, note: null };
}

/** n / d rounded half-up (halves away from zero), exactly, for integers. */
function divHalfUp(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  return sign * ((abs * 2n + d) / (d * 2n));
}

export type TaxedAmount = { net: number; taxAmount: number; total: number };

/**
 * One line's tax, rounded half-up on minor units, per line. Exclusive: the price is the net and
 * tax is added. Inclusive: the price is the total and the tax is the part of it at the rate
 * (total × rate / (1 + rate)). Untaxed (rate 0, reverse charge, exempt, none): the price is net and
 * total, whichever setting, so an inclusive price is what every buyer pays.
 */
export function taxLine(price: number, treatment: TaxTreatment, inclusive: boolean): TaxedAmount {
  if (!Number.isSafeInteger(price)) throw new Error(`A price must be an integer of minor units, not ${price}`);
  const bp = BigInt(treatment.category === "standard" ? treatment.rateBp : 0);
  if (bp === 0n) return { net: price, taxAmount: 0, total: price };
  const p = BigInt(price);
  if (inclusive) {
    const tax = Number(divHalfUp(p * bp, 10_000n + bp));
    return { net: price - tax, taxAmount: tax, total: price };
  }
  const tax = Number(divHalfUp(p * bp, 10_000n));
  return { net: price, taxAmount: tax, total: price + tax };
}

export type TaxedLine = TaxedAmount & { taxCategory: TaxCategory; taxName: string | null; taxRateBp: number };
export type TaxedInvoice = { lines: TaxedLine[]; subtotal: number; taxAmount: number; total: number; note: string | null; pricesIncludeTax: boolean; treatment: TaxTreatment };

/** An invoice's lines taxed for a buyer: each line rounded on its own; the invoice's sums are sums of the lines. */
export function taxInvoice(setup: TaxSetup, buyer: TaxBuyer, prices: readonly number[]): TaxedInvoice {
  const treatment = taxTreatment(setup, buyer);
  const lines = prices.map((price) => ({
    ...taxLine(price, treatment, setup.pricesIncludeTax),
    taxCategory: treatment.category,
    taxName: treatment.name,
    taxRateBp: treatment.category === "standard" ? treatment.rateBp : 0,
  }));
  const sum = (k: keyof TaxedAmount) => lines.reduce((s, l) => s + l[k], 0);
  return { lines, subtotal: sum("net"), taxAmount: sum("taxAmount"), total: sum("total"), note: treatment.note, pricesIncludeTax: setup.pricesIncludeTax, treatment };
}

export type TaxGroup = { taxCategory: TaxCategory; taxName: string | null; taxRateBp: number; net: number; taxAmount: number };

/** Lines summed per tax category and rate (an invoice's tax lines, a report's rows), highest rate first. */
export function taxByRate(lines: readonly { taxCategory: TaxCategory; taxName: string | null; taxRateBp: number; net: number; taxAmount: number }[]): TaxGroup[] {
  const groups = new Map<string, TaxGroup>();
  for (const l of lines) {
    const key = `${l.taxCategory}:${l.taxRateBp}:${l.taxName ?? ""}`;
    const g = groups.get(key) ?? { taxCategory: l.taxCategory, taxName: l.taxName, taxRateBp: l.taxRateBp, net: 0, taxAmount: 0 };
    g.net += l.net;
    g.taxAmount += l.taxAmount;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.taxRateBp - a.taxRateBp || a.taxCategory.localeCompare(b.taxCategory));
}

/** A rate in basis points as people read it: 2000 → "20%", 550 → "5.5%". */
export function formatRate(rateBp: number): string {
  return `${(rateBp / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
}
