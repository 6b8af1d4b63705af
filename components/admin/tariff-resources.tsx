"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export type ResourceRow = { key: string; label: string; unit: string; amount: string; addon: boolean; maxExtra: string; unitPrice: string };

export const emptyResource: ResourceRow = { key: "", label: "", unit: "", amount: "0", addon: false, maxExtra: "0", unitPrice: "0" };

const input = "w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-base sm:text-sm placeholder:text-slate-400 placeholder:italic disabled:bg-slate-100";
/** One row per resource: a table-like grid on wide screens (fixed last column, so the heads line up with the fields), a small card of fields on phones. */
const grid = "lg:grid-cols-[minmax(6rem,1fr)_minmax(8rem,1.4fr)_5rem_5rem_4rem_5rem_7rem_6rem] lg:items-start lg:gap-2";

/** Resources with amounts; an add-on can be bought in extra units up to a limit at a unit price (per month). */
export function TariffResources({ rows, onChange }: { rows: ResourceRow[]; onChange: (rows: ResourceRow[]) => void }) {
  const set = (i: number, patch: Partial<ResourceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const t = useTranslations("adminTariff.resources");
  const heads = [t("key"), t("label"), t("unit"), t("amount"), t("addon"), t("maxExtra"), t("unitPrice"), ""];
  const cell = (title: string, control: ReactNode, className = "") => (
    <div className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <span aria-hidden className="text-xs text-slate-600 lg:hidden">{title}</span>
      {control}
    </div>
  );
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-2 font-medium">{t("legend")}</legend>
      <div className={`hidden ${grid} border-b border-slate-200 pb-1 text-sm font-medium text-slate-600 lg:grid`} aria-hidden>
        {heads.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <ol className="flex flex-col gap-3 lg:gap-1">
        {rows.map((r, i) => (
          <li key={i} data-testid={`resource-${i + 1}`} className={`grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-4 ${grid} lg:rounded-none lg:border-0 lg:p-0`}>
            {cell(t("key"), <input aria-label={t("keyOf", { n: i + 1 })} name={`resources.${i}.key`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} className={input} placeholder={t("keyExample")} />)}
            {cell(t("label"), <input aria-label={t("labelOf", { n: i + 1 })} name={`resources.${i}.label`} value={r.label} onChange={(e) => set(i, { label: e.target.value })} className={input} placeholder={t("labelExample")} />)}
            {cell(t("unit"), <input aria-label={t("unitOf", { n: i + 1 })} name={`resources.${i}.unit`} value={r.unit} onChange={(e) => set(i, { unit: e.target.value })} className={input} placeholder={t("unitExample")} />)}
            {cell(t("amount"), <input aria-label={t("amountOf", { n: i + 1 })} name={`resources.${i}.amount`} inputMode="numeric" value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} className={input} />)}
            {cell(t("addon"), <input aria-label={t("addonOf", { n: i + 1 })} type="checkbox" name={`resources.${i}.addon`} checked={r.addon} onChange={(e) => set(i, { addon: e.target.checked })} className="size-5 lg:mt-1.5" />)}
            {cell(t("maxExtra"), <input aria-label={t("maxExtraOf", { n: i + 1 })} name={`resources.${i}.maxExtra`} inputMode="numeric" value={r.maxExtra} onChange={(e) => set(i, { maxExtra: e.target.value })} className={input} disabled={!r.addon} />)}
            {cell(t("unitPrice"), <input aria-label={t("unitPriceOf", { n: i + 1 })} name={`resources.${i}.unitPrice`} inputMode="decimal" value={r.unitPrice} onChange={(e) => set(i, { unitPrice: e.target.value })} className={input} disabled={!r.addon} />)}
            <div className="flex items-end">
              <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t("removeOf", { n: i + 1 })}>
                {t("remove")}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <Button variant="secondary" onClick={() => onChange([...rows, { ...emptyResource }])}>
          {t("add")}
        </Button>
      </div>
    </fieldset>
  );
}
