import type { TariffFormValues } from "@/components/admin/tariff-form";
import type { TariffView } from "@/lib/services/tariffs/get";
import { listHandlers } from "@/lib/services/handlers/list";
import type { Ctx } from "@/lib/services/context";
import { majorText as major } from "@/lib/i18n/format";

export const emptyTariff: TariffFormValues = {
  productType: "", name: "", description: "", template: "", templates: {}, tlds: "", currency: "USD", published: true, sellWithoutHandler: false, refundUnusedOnClose: false,
  prices: {}, otherPrices: [], resources: [], handlerIds: [],
};

/** A stored tariff as the editor's values (money in major units). */
export function tariffValues(t: TariffView): TariffFormValues {
  return {
    productType: t.productType,
    name: t.name,
    description: t.description,
    template: t.template ?? "",
    templates: Object.fromEntries(t.handlers.map((h) => [h.id, h.template ?? t.template ?? ""])),
    tlds: t.tlds.join(", "),
    currency: t.currency,
    published: t.published,
    sellWithoutHandler: t.sellWithoutHandler,
    refundUnusedOnClose: t.refundUnusedOnClose,
    prices: Object.fromEntries(t.prices.map((p) => [p.months, major(p.price, t.currency)])),
    otherPrices: t.otherPrices.map((l) => ({
      currency: l.currency,
      prices: Object.fromEntries(l.prices.map((p) => [p.months, major(p.price, l.currency)])),
      addons: Object.fromEntries(l.addonPrices.map((a) => [a.key, major(a.unitPrice, l.currency)])),
    })),
    resources: t.resources.map((r) => ({
      key: r.key, label: r.label, unit: r.unit, amount: String(r.amount), addon: r.addon, maxExtra: String(r.maxExtra), unitPrice: major(r.unitPrice, t.currency),
    })),
    handlerIds: t.handlerIds,
  };
}

export async function handlerChoices(ctx: Ctx) {
  return (await listHandlers({ ctx })).map(({ id, name, productType, moduleTitle, enabled }) => ({ id, name, productType, moduleTitle, enabled }));
}
