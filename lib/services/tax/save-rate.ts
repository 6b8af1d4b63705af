import { z } from "zod";
import { taxRates } from "../../db/schema";
import { isCountryCode } from "../../billing/contacts";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const saveTaxRateInput = z.object({
  country: z.string().trim().toUpperCase().refine(isCountryCode, "Choose a country from the list"),
  /** A state or province code; empty: the whole country. */
  region: z.string().trim().toUpperCase().max(40, "Use at most 40 characters").regex(/^[A-Z0-9-]*$/, "Use the region's code, e.g. CA or QC").default(""),
  name: z.string().trim().min(1, "Name the tax, e.g. VAT").max(40, "Use at most 40 characters").default("VAT"),
  /** Percent with up to two decimals (stored in basis points): 20, 5.5, 8.25. */
  percent: z.coerce
    .number({ error: "Enter the rate in percent, e.g. 20" })
    .min(0, "A rate is 0% to 100%")
    .max(100, "A rate is 0% to 100%")
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, "Use at most two decimals, e.g. 5.5 or 8.25"),
});

/**
 * An admin sets the tax rate of a country or region (adding it, or changing the one there). Only
 * invoices issued afterwards use it: issued ones keep their rate on each line. One audit row.
 */
export async function saveTaxRate({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(saveTaxRateInput, input);
  const rateBp = Math.round(data.percent * 100);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taxRates)
      .values({ country: data.country, region: data.region, name: data.name, rateBp })
      .onConflictDoUpdate({ target: [taxRates.country, taxRates.region], set: { name: data.name, rateBp, updatedAt: new Date() } })
      .returning();
    await audit(tx, ctx.actor, { action: "tax_rate.save", entity: "tax_rate", entityId: row!.id, after: { country: row!.country, region: row!.region, name: row!.name, rateBp } });
    return row!;
  });
}
