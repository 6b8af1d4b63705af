import type { Ctx } from "@/lib/services/context";
import { saveTaxRate } from "@/lib/services/tax/save-rate";
import { deleteTaxRate } from "@/lib/services/tax/delete-rate";
import { updateTaxSettings } from "@/lib/services/tax/update-settings";
import { attempt, text, type FormState } from "../../form-state";

export function runSaveTaxRate(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const rate = await saveTaxRate({ ctx, input: { country: text(form, "country"), region: text(form, "region"), name: text(form, "name") || undefined, percent: text(form, "percent") } });
    return { ok: true, message: `${rate.name} ${rate.rateBp / 100}% saved for ${rate.country}${rate.region ? ` ${rate.region}` : ""}` };
  });
}

export function runDeleteTaxRate(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const rate = await deleteTaxRate({ ctx, input: { rateId: text(form, "rateId") } });
    return { ok: true, message: `The rate for ${rate.country}${rate.region ? ` ${rate.region}` : ""} was removed` };
  });
}

export function runUpdateTaxSettings(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await updateTaxSettings({ ctx, input: { pricesIncludeTax: text(form, "pricesIncludeTax") === "inclusive", sellerCountry: text(form, "sellerCountry") || null } });
    return { ok: true, message: "Tax settings saved" };
  });
}
