import { periods } from "@/lib/vocabulary";
import type { Ctx } from "@/lib/services/context";
import { listHandlerTemplates } from "@/lib/services/handlers/list-templates";
import { createTariff } from "@/lib/services/tariffs/create";
import { updateTariff } from "@/lib/services/tariffs/update";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, flag, minorUnits, num, text, type FormState } from "../form-state";

/** The tariff editor's form as the verbs' input: money typed in major units becomes minor units. */
export function tariffFromForm(form: FormData) {
  const currency = (text(form, "currency") || "USD").toUpperCase();
  const prices = periods.flatMap((months) => {
    const value = text(form, `price.${months}`);
    return value === "" ? [] : [{ months, price: minorUnits(value, currency) }];
  });
  const rows = [...new Set([...form.keys()].map((k) => /^resources\.(\d+)\./.exec(k)?.[1]).filter(Boolean))] as string[];
  const resources = rows
    .map((i) => (key: string) => text(form, `resources.${i}.${key}`))
    .filter((get) => get("key") !== "" || get("label") !== "")
    .map((get) => ({
      key: get("key"),
      label: get("label"),
      unit: get("unit"),
      amount: Number(get("amount") || 0),
      addon: ["on", "true"].includes(get("addon")),
      maxExtra: Number(get("maxExtra") || 0),
      unitPrice: minorUnits(get("unitPrice") || "0", currency),
    }));
  const handlerIds = form.getAll("handlerIds").map((v) => Number(v));
  // Prices in other currencies: "other.N.currency", "other.N.price.<months>", "other.N.addon.<key>".
  const lists = [...new Set([...form.keys()].map((k) => /^other\.(\d+)\./.exec(k)?.[1]).filter(Boolean))] as string[];
  const otherPrices = lists
    .map((i) => ({ i, code: text(form, `other.${i}.currency`).toUpperCase() }))
    .filter(({ i, code }) => code !== "" || periods.some((m) => text(form, `other.${i}.price.${m}`) !== ""))
    .map(({ i, code }) => ({
      currency: code,
      prices: periods.flatMap((months) => {
        const value = text(form, `other.${i}.price.${months}`);
        return value === "" ? [] : [{ months, price: minorUnits(value, safeCurrency(code)) }];
      }),
      addonPrices: resources.flatMap((r) => {
        const value = text(form, `other.${i}.addon.${r.key}`);
        return value === "" || !r.addon ? [] : [{ key: r.key, unitPrice: minorUnits(value, safeCurrency(code)) }];
      }),
    }));
  return {
    name: text(form, "name"),
    description: text(form, "description"),
    template: text(form, "template") || null,
    templates: handlerIds.filter((id) => form.has(`template.${id}`)).map((handlerId) => ({ handlerId, template: text(form, `template.${handlerId}`) })),
    tlds: text(form, "tlds").split(/[\s,]+/).filter(Boolean).map((t) => t.replace(/^\./, "")),
    currency,
    published: flag(form, "published"),
    sellWithoutHandler: flag(form, "sellWithoutHandler"),
    refundUnusedOnClose: flag(form, "refundUnusedOnClose"),
    prices,
    resources,
    handlerIds,
    otherPrices,
  };
}

/** A currency Intl knows, for reading amounts; an unknown code is refused by the verb with its own message. */
function safeCurrency(code: string): string {
  return Intl.supportedValuesOf("currency").includes(code) ? code : "USD";
}

export function runCreateTariff(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const tariff = await createTariff({ ctx, input: { ...tariffFromForm(form), productType: text(form, "productType") } });
    return { ok: true, redirectTo: `/admin/tariffs/${tariff.id}?notice=created` };
  });
}

export function runUpdateTariff(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    await updateTariff({ ctx, input: { ...tariffFromForm(form), tariffId: num(form, "tariffId") } });
    return { ok: true, message: translatorFor(locale)("adminTariff.form.saved") };
  });
}

export type TemplatesState = FormState & { result?: Awaited<ReturnType<typeof listHandlerTemplates>> };

/** The account templates of the chosen handlers' panels, for the template picker. */
export function runLoadTemplates(ctx: Ctx, handlerIds: unknown): Promise<TemplatesState> {
  return attempt(async () => ({ ok: true, result: await listHandlerTemplates({ ctx, input: { handlerIds } }) }));
}
