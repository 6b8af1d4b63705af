"use client";

import { startTransition, useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import type { FormState } from "@/app/admin/form-state";
import type { TemplatesState } from "@/app/admin/tariffs/run";
import { FormResult, SavedNote } from "./form-result";
import { adminLabelsIn, productTypeLabels } from "./labels";
import { SelectField } from "@/components/ui/select";
import { TariffPrices } from "./tariff-prices";
import { TariffResources, type ResourceRow } from "./tariff-resources";
import { TariffOtherPrices, type OtherPriceRow } from "./tariff-other-prices";
import { TemplatePicker } from "./template-picker";

export type TariffFormValues = {
  productType: string;
  name: string;
  description: string;
  template: string;
  /** The account template per handler, picked from that handler's panel. */
  templates: Record<number, string>;
  tlds: string;
  currency: string;
  published: boolean;
  sellWithoutHandler: boolean;
  refundUnusedOnClose: boolean;
  prices: Record<number, string>;
  /** Prices in the other currencies the tariff is sold in. */
  otherPrices: OtherPriceRow[];
  resources: ResourceRow[];
  handlerIds: number[];
};

export type HandlerChoice = { id: number; name: string; productType: string; moduleTitle: string; enabled: boolean };

type Props = {
  tariffId?: number;
  /** The periods a tariff can be sold for, in months. */
  periods: readonly number[];
  initial: TariffFormValues;
  handlers: HandlerChoice[];
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  loadTemplates: (handlerIds: number[]) => Promise<TemplatesState>;
};

const shown = ["productType", "name", "description", "template", "tlds", "prices", "handlerIds"];

/** The tariff editor: product type, name, prices, template, resources and add-ons, handlers, visibility. */
export function TariffForm({ tariffId, periods, initial, handlers, action, loadTemplates }: Props) {
  const t = useTranslations("adminTariff.form");
  const labels = adminLabelsIn(useLocale());
  const [v, setV] = useState(initial);
  const [state, save, saving] = useActionState(action, {});
  const set = <K extends keyof TariffFormValues>(key: K, value: TariffFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const offered = handlers.filter((h) => h.productType === v.productType);
  const chosen = v.handlerIds.filter((id) => offered.some((h) => h.id === id));
  const errors = state.fields ?? {};
  return (
    <form
      noValidate
      className="flex min-w-0 flex-col gap-6"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => save(data));
      }}
    >
      <FormResult state={state} shownFields={[...shown, ...chosen.map((id) => `template.${id}`)]} message={false} />
      {tariffId && <input type="hidden" name="tariffId" value={tariffId} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="productType"
          label={t("productType")}
          empty={t("choose")}
          options={Object.keys(productTypeLabels).map((value) => ({ value, label: labels.productType(value) }))}
          value={v.productType}
          onChange={(e) => set("productType", e.target.value)}
          disabled={Boolean(tariffId)}
          errors={errors.productType}
        />
        <Field name="name" label={t("name")} value={v.name} onChange={(e) => set("name", e.target.value)} errors={errors.name} />
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800 sm:col-span-2">
          {t("description")}
          <textarea name="description" rows={3} value={v.description} onChange={(e) => set("description", e.target.value)} className="rounded-md border border-slate-300 px-3 py-2 font-normal" />
        </label>
      </div>
      <fieldset aria-describedby={errors.handlerIds ? "handlers-error" : undefined}>
        <legend className="mb-2 font-medium">{t("handlers")}</legend>
        {!v.productType && <p className="text-sm text-slate-500">{t("typeFirst")}</p>}
        {v.productType && offered.length === 0 && <p className="text-sm text-slate-500">{t("noHandlers")}</p>}
        <div className="flex flex-col gap-1">
          {offered.map((h) => (
            <label key={h.id} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="handlerIds"
                value={h.id}
                checked={chosen.includes(h.id)}
                onChange={(e) => set("handlerIds", e.target.checked ? [...chosen, h.id] : chosen.filter((id) => id !== h.id))}
                className="mt-0.5 size-4 shrink-0"
              />
              <span className="min-w-0 break-words">
                {h.name} <span className="text-slate-600">({h.enabled ? h.moduleTitle : t("disabledModule", { module: h.moduleTitle })})</span>
              </span>
            </label>
          ))}
        </div>
        {chosen.length > 0 && chosen.every((id) => !offered.find((h) => h.id === id)?.enabled) && (
          <p role="status" className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="all-handlers-disabled">
            {v.sellWithoutHandler ? t("allDisabledSold") : t("allDisabledNotSold")}
          </p>
        )}
        {errors.handlerIds && (
          <p id="handlers-error" className="mt-1 text-sm text-red-600">
            {errors.handlerIds.join(" ")}
          </p>
        )}
      </fieldset>
      {chosen.length > 0 && (
        <fieldset className="flex flex-col gap-3" data-testid="handler-templates">
          <legend className="mb-2 font-medium">{t("templates")}</legend>
          {chosen.map((id) => {
            const h = offered.find((o) => o.id === id)!;
            return (
              <TemplatePicker
                key={id}
                handlerIds={[id]}
                name={`template.${id}`}
                label={chosen.length > 1 ? t("templateOn", { name: h.name }) : t("template")}
                value={v.templates[id] ?? v.template}
                onChange={(x) => set("templates", { ...v.templates, [id]: x })}
                load={loadTemplates}
                errors={errors[`template.${id}`] ?? (chosen.length === 1 ? errors.template : undefined)}
              />
            );
          })}
        </fieldset>
      )}
      <TariffPrices periods={periods} prices={v.prices} currency={v.currency} onChange={(p) => set("prices", p)} error={errors.prices?.join(" ")} />
      <input type="hidden" name="currency" value={v.currency} />
      <TariffResources rows={v.resources} onChange={(r) => set("resources", r)} />
      <TariffOtherPrices
        periods={periods} own={v.currency} rows={v.otherPrices} errors={errors} onChange={(rows) => set("otherPrices", rows)}
        addons={v.resources.filter((r) => r.addon && r.key).map((r) => ({ key: r.key, label: r.label }))}
      />
      {v.productType === "domain" && (
        <Field name="tlds" label={t("tlds")} hint={t("tldsHint")} value={v.tlds} onChange={(e) => set("tlds", e.target.value)} errors={errors.tlds} />
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="published" checked={v.published} onChange={(e) => set("published", e.target.checked)} />
        {t("published")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="refundUnusedOnClose" checked={v.refundUnusedOnClose} onChange={(e) => set("refundUnusedOnClose", e.target.checked)} />
        {t("refundUnused")}
      </label>
      <div className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          id="sellWithoutHandler"
          name="sellWithoutHandler"
          checked={v.sellWithoutHandler}
          onChange={(e) => set("sellWithoutHandler", e.target.checked)}
          aria-describedby="sell-without-handler-hint"
          className="mt-0.5 size-4 shrink-0"
        />
        <div className="min-w-0">
          <label htmlFor="sellWithoutHandler">{t("sellAnyway")}</label>
          <p id="sell-without-handler-hint" className="text-xs text-slate-500">
            {t("sellAnywayHint")}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={saving}>
          {saving ? t("saving") : tariffId ? t("save") : t("create")}
        </Button>
        <SavedNote state={state} />
      </div>
    </form>
  );
}
