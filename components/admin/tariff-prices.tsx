"use client";

import { useTranslations } from "next-intl";

/** A price per period in major units ("9.99"); a blank period is not sold. */
type Props = { periods: readonly number[]; prices: Record<number, string>; currency: string; onChange: (p: Record<number, string>) => void; error?: string };

export function TariffPrices({ periods, prices, currency, onChange, error }: Props) {
  const t = useTranslations("adminTariff.prices");
  const common = useTranslations("common");
  const label = (m: number) => (m % 12 === 0 ? common("years", { count: m / 12 }) : common("months", { count: m }));
  return (
    <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={error ? "prices-error" : undefined}>
      <legend className="mb-2 font-medium">{t("legend", { currency })}</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-6">
        {periods.map((m) => (
          <label key={m} className="flex min-w-0 flex-col gap-1 text-sm">
            <span>{t("priceFor", { period: label(m) })}</span>
            <input
              name={`price.${m}`}
              inputMode="decimal"
              value={prices[m] ?? ""}
              onChange={(e) => onChange({ ...prices, [m]: e.target.value })}
              placeholder={t("notSold")}
              className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-base sm:text-sm placeholder:text-slate-400 placeholder:italic"
            />
          </label>
        ))}
      </div>
      {error && (
        <p id="prices-error" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
