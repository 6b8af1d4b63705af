"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { periodLabelIn } from "@/components/store/labels";
import type { Locale } from "@/lib/i18n/locales";

/** A price list in another currency as the editor holds it: major units per period and per add-on key. */
export type OtherPriceRow = { currency: string; prices: Record<number, string>; addons: Record<string, string> };

type Props = {
  periods: readonly number[];
  /** The tariff's own currency, whose prices are above. */
  own: string;
  rows: OtherPriceRow[];
  /** The add-ons the tariff offers (key and label). */
  addons: { key: string; label: string }[];
  onChange: (rows: OtherPriceRow[]) => void;
  errors: Record<string, string[] | undefined>;
};

const input = "w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-base sm:text-sm placeholder:text-slate-400 placeholder:italic";

/** The tariff's prices in the other currencies it is sold in: a client buys in its own currency. */
export function TariffOtherPrices({ periods, own, rows, addons, onChange, errors }: Props) {
  const t = useTranslations("adminTariffPrices");
  const locale = useLocale() as Locale;
  const set = (i: number, patch: Partial<OtherPriceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const fieldErrors = (i: number) => Object.entries(errors).filter(([k]) => k.startsWith(`otherPrices.${i}.`)).flatMap(([, v]) => v ?? []);
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" data-testid="other-prices">
      <legend className="mb-1 font-medium">{t("legend")}</legend>
      <p className="text-xs text-slate-500">{t("hint", { own })}</p>
      {rows.map((row, i) => (
        <div key={i} className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-200 p-3">
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm">
              <span>{t("currency")}</span>
              <input name={`other.${i}.currency`} value={row.currency} maxLength={3} onChange={(e) => set(i, { currency: e.target.value.toUpperCase() })} className={`${input} w-24 uppercase`} />
            </label>
            <Button type="button" variant="secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {t("remove", { currency: row.currency || "…" })}
            </Button>
          </div>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-6">
            {periods.map((m) => (
              <label key={m} className="flex min-w-0 flex-col gap-1 text-sm">
                <span>{t("price", { currency: row.currency || "…", period: periodLabelIn(locale, m) })}</span>
                <input name={`other.${i}.price.${m}`} inputMode="decimal" value={row.prices[m] ?? ""} placeholder={t("notSold")} onChange={(e) => set(i, { prices: { ...row.prices, [m]: e.target.value } })} className={input} />
              </label>
            ))}
          </div>
          {addons.length > 0 && (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {addons.map((a) => (
                <label key={a.key} className="flex min-w-0 flex-col gap-1 text-sm">
                  <span>{t("addon", { currency: row.currency || "…", label: a.label || a.key })}</span>
                  <input name={`other.${i}.addon.${a.key}`} inputMode="decimal" value={row.addons[a.key] ?? ""} placeholder={t("notOffered")} onChange={(e) => set(i, { addons: { ...row.addons, [a.key]: e.target.value } })} className={input} />
                </label>
              ))}
            </div>
          )}
          {fieldErrors(i).length > 0 && <p className="text-sm text-red-600">{fieldErrors(i).join(" ")}</p>}
        </div>
      ))}
      <div>
        <Button type="button" variant="secondary" onClick={() => onChange([...rows, { currency: "", prices: {}, addons: {} }])}>
          {t("add")}
        </Button>
      </div>
    </fieldset>
  );
}
