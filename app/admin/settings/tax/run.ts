import type { Ctx } from "@/lib/services/context";
import { saveTaxRate } from "@/lib/services/tax/save-rate";
import { deleteTaxRate } from "@/lib/services/tax/delete-rate";
import { updateTaxSettings } from "@/lib/services/tax/update-settings";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, text, type FormState } from "../../form-state";

const where = (rate: { country: string; region: string | null }) => `${rate.country}${rate.region ? ` ${rate.region}` : ""}`;

export function runSaveTaxRate(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const rate = await saveTaxRate({ ctx, input: { country: text(form, "country"), region: text(form, "region"), name: text(form, "name") || undefined, percent: text(form, "percent") } });
    return { ok: true, message: translatorFor(locale)("adminSettings.tax.done.rateSaved", { name: rate.name, percent: String(rate.rateBp / 100), where: where(rate) }) };
  });
}

export function runDeleteTaxRate(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const rate = await deleteTaxRate({ ctx, input: { rateId: text(form, "rateId") } });
    return { ok: true, message: translatorFor(locale)("adminSettings.tax.done.rateRemoved", { where: where(rate) }) };
  });
}

export function runUpdateTaxSettings(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await updateTaxSettings({ ctx, input: { pricesIncludeTax: text(form, "pricesIncludeTax") === "inclusive", sellerCountry: text(form, "sellerCountry") || null } });
    return { ok: true, message: translatorFor(locale)("adminSettings.tax.done.saved") };
  });
}
