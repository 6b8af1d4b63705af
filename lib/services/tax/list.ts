import { asc } from "drizzle-orm";
import { taxRates } from "../../db/schema";
import { readTaxSettings, sellerCountryOf } from "../../billing/tax-setup";
import { requireAdmin, type Ctx } from "../context";

/** The tax rates by country and region, the tax settings and the seller's country in force (admin). */
export async function listTaxRates({ ctx }: { ctx: Ctx }) {
  requireAdmin(ctx.actor);
  const rates = await ctx.db.select().from(taxRates).orderBy(asc(taxRates.country), asc(taxRates.region));
  const settings = await readTaxSettings(ctx.db);
  return { rates, settings, sellerCountry: sellerCountryOf(settings.sellerCountry), sellerCountryFromEnv: settings.sellerCountry === null };
}
