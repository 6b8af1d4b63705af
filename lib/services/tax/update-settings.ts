import { readTaxSettings, taxSettingsSchema, writeTaxSettings } from "../../billing/tax-setup";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const updateTaxSettingsInput = taxSettingsSchema.extend({
  sellerCountry: taxSettingsSchema.shape.sellerCountry.optional().transform((v) => v ?? null),
});

/** An admin says whether prices include tax and which country the seller is in (none: INVOICE_SELLER_COUNTRY). */
export async function updateTaxSettings({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const values = parseInput(updateTaxSettingsInput, input);
  return ctx.db.transaction(async (tx) => {
    const before = await readTaxSettings(tx);
    await writeTaxSettings(tx, values);
    const after = await readTaxSettings(tx);
    await audit(tx, ctx.actor, { action: "update", entity: "settings", before, after });
    return after;
  });
}
