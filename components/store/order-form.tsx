"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { CatalogEntry } from "@/lib/services/catalog/list";
import type { FieldErrors } from "@/lib/errors";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { addAllToCart, type CartItem } from "./cart-store";
import { osTemplates, periodLabelIn } from "./labels";
import { livePrice } from "./live-price";
import { SelectField } from "@/components/ui/select";
import { DomainChoiceFields } from "./domain-choice";

export type QuoteState = { fields?: FieldErrors; error?: string; items?: Omit<CartItem, "id">[]; nonce?: string };
type Props = { tariff: CatalogEntry; action: (prev: QuoteState, form: FormData) => Promise<QuoteState>; domain?: string; owned?: string[] };

/** Period, add-ons and order parameters of one tariff, with a live total; the server checks it before it goes to the cart. */
export function OrderForm({ tariff, action, domain, owned = [] }: Props) {
  const [state, formAction] = useActionState(action, {} as QuoteState);
  const router = useRouter();
  const t = useTranslations("store.form");
  const locale = useLocale();
  const money = (amount: number) => formatMoney(amount, tariff.currency, locale);
  const periodLabel = (n: number) => periodLabelIn(locale, n);
  const [months, setMonths] = useState(tariff.prices[0]?.months ?? 1);
  const [addons, setAddons] = useState<Record<string, number>>({});
  const added = useRef<string | undefined>(undefined);
  const live = livePrice(tariff, { months, addons });
  const errors = { ...live.errors, ...(state.fields ?? {}) };
  const addonResources = tariff.resources.filter((r) => r.addon && r.maxExtra > 0);

  useEffect(() => {
    if (!state.items || !state.nonce || added.current === state.nonce) return;
    added.current = state.nonce;
    addAllToCart(state.items);
    router.push("/cart");
  }, [state, router]);

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="tariffId" value={tariff.id} />
      <input type="hidden" name="productType" value={tariff.productType} />
      <SelectField
        name="months"
        label={t("period")}
        value={String(months)}
        onChange={(e) => setMonths(Number(e.target.value))}
        options={tariff.prices.map((p) => ({ value: String(p.months), label: `${periodLabel(p.months)}: ${money(p.price)}` }))}
        errors={errors.months}
      />
      {addonResources.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("addons")}</legend>
          {addonResources.map((r) => (
            <Field
              key={r.key}
              name={`addons.${r.key}`}
              id={`addon-${r.key}`}
              label={r.unit ? t("extraUnit", { label: r.label, unit: r.unit }) : t("extra", { label: r.label })}
              type="number"
              inputMode="numeric"
              min={0}
              max={r.maxExtra}
              step={1}
              value={addons[r.key] ?? 0}
              onChange={(e) => setAddons({ ...addons, [r.key]: e.target.value === "" ? 0 : Number(e.target.value) })}
              hint={t("addonHint", { amount: `${r.amount}${r.unit ? ` ${r.unit}` : ""}`, max: r.maxExtra, unit: r.unit || "none", price: money(r.unitPrice) })}
              errors={errors[`addons.${r.key}`]}
            />
          ))}
        </fieldset>
      )}
      {(tariff.productType === "domain" || tariff.orderNeeds.includes("domain")) && (
        <DomainChoiceFields forDomain={tariff.productType === "domain"} zones={tariff.tlds} domain={domain} owned={owned} errors={errors} />
      )}
      {(tariff.productType === "vps" || tariff.orderNeeds.includes("os")) && (
        <>
          <Field name="hostname" label={t("hostname")} autoComplete="off" placeholder="server1.example.com" hint={t("optional")} errors={errors["params.hostname"]} />
          <SelectField
            name="os"
            label={t("os")}
            defaultValue=""
            options={[{ value: "", label: t("osDefault") }, ...osTemplates.map((os) => ({ value: os, label: os }))]}
            errors={errors["params.os"]}
          />
        </>
      )}
      <p className="text-lg font-semibold" aria-live="polite" data-testid="order-total">
        {live.total === null ? t("checkFields") : t("total", { amount: money(live.total), period: periodLabel(months) })}
      </p>
      <SubmitButton pendingText={t("checking")}>
        {t("addToCart")}
      </SubmitButton>
    </form>
  );
}
