"use client";

import { startTransition, useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FormState } from "@/app/admin/form-state";
import type { CatalogEntry } from "@/lib/services/catalog/list";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { formatMoney } from "@/components/ui/money";
import { osTemplates, periodLabelIn } from "@/components/store/labels";
import { livePrice } from "@/components/store/live-price";
import { FormResult } from "./form-result";

type Props = { clientId: number; tariffs: CatalogEntry[]; action: (prev: FormState, form: FormData) => Promise<FormState> };

/**
 * "Order for this client": a tariff and period, then what the store asks for that tariff (add-ons,
 * the domain, host name and operating system), with the same live price; paid from the balance.
 */
export function OrderForClient({ clientId, tariffs, action }: Props) {
  const t = useTranslations("adminClient.order");
  const locale = useLocale();
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const [state, dispatch, pending] = useActionState(action, {});
  const [item, setItem] = useState("");
  const [addons, setAddons] = useState<Record<string, number>>({});
  const [tariffId, months] = item.split(":").map(Number);
  const tariff = tariffs.find((x) => x.id === tariffId);
  const live = tariff ? livePrice(tariff, { months: months!, addons }) : null;
  const errors = { ...(live?.errors ?? {}), ...(state.fields ?? {}) };
  const addonResources = tariff?.resources.filter((r) => r.addon && r.maxExtra > 0) ?? [];
  const wantsDomain = tariff && (tariff.productType === "domain" || tariff.orderNeeds.includes("domain"));
  const wantsServer = tariff && (tariff.productType === "vps" || tariff.orderNeeds.includes("os"));
  const options = tariffs.flatMap((x) => x.prices.map((p) => ({ value: `${x.id}:${p.months}`, label: t("option", { name: x.name, months: p.months, price: money(p.price, x.currency) }) })));
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      data-testid="order-for-client"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <FormResult state={state} shownFields={["item", "domain", "hostname", "os", ...addonResources.map((r) => `addons.${r.key}`)]} />
      <input type="hidden" name="clientId" value={clientId} />
      <SelectField id="order-item" name="item" label={t("item")} empty={t("choose")} options={options} value={item} onChange={(e) => { setItem(e.target.value); setAddons({}); }} errors={errors.item ?? errors.months} />
      {addonResources.map((r) => (
        <Field
          key={`${tariffId}-${r.key}`}
          id={`order-addon-${r.key}`}
          name={`addons.${r.key}`}
          label={r.unit ? t("extraUnit", { label: r.label, unit: r.unit }) : t("extra", { label: r.label })}
          type="number"
          inputMode="numeric"
          min={0}
          max={r.maxExtra}
          step={1}
          value={addons[r.key] ?? 0}
          onChange={(e) => setAddons({ ...addons, [r.key]: e.target.value === "" ? 0 : Number(e.target.value) })}
          hint={r.unit ? t("addonHintUnit", { amount: r.amount, max: r.maxExtra, unit: r.unit, price: money(r.unitPrice, tariff!.currency) }) : t("addonHint", { amount: r.amount, max: r.maxExtra, price: money(r.unitPrice, tariff!.currency) })}
          errors={errors[`addons.${r.key}`]}
        />
      ))}
      {wantsDomain && (
        <Field id="order-domain" name="domain" label={t("domain")} autoComplete="off" hint={tariff.productType === "domain" ? (tariff.tlds.length ? t("zones", { zones: tariff.tlds.map((z) => `.${z}`).join(", ") }) : undefined) : t("siteDomain")} errors={errors.domain} />
      )}
      {wantsServer && (
        <>
          <Field id="order-hostname" name="hostname" label={t("hostname")} autoComplete="off" placeholder="server1.example.com" hint={t("optional")} errors={errors.hostname} />
          <SelectField id="order-os" name="os" label={t("os")} defaultValue="" options={[{ value: "", label: t("osDefault") }, ...osTemplates.map((os) => ({ value: os, label: os }))]} errors={errors.os} />
        </>
      )}
      {tariff && (
        <p className="text-sm font-medium" data-testid="order-for-client-total">
          {live?.total == null ? t("check") : t("total", { amount: money(live.total, tariff.currency), period: periodLabelIn(locale, months!) })}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending}>{pending ? t("working") : t("place")}</Button>
      </div>
    </form>
  );
}
