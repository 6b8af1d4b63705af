"use client";

const label = (m: number) => (m === 1 ? "1 month" : m % 12 === 0 ? `${m / 12} year${m === 12 ? "" : "s"}` : `${m} months`);

/** A price per period in major units ("9.99"); a blank period is not sold. */
type Props = { periods: readonly number[]; prices: Record<number, string>; currency: string; onChange: (p: Record<number, string>) => void; error?: string };

export function TariffPrices({ periods, prices, currency, onChange, error }: Props) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={error ? "prices-error" : undefined}>
      <legend className="mb-2 font-medium">Prices per period ({currency})</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-6">
        {periods.map((m) => (
          <label key={m} className="flex min-w-0 flex-col gap-1 text-sm">
            <span>Price for {label(m)}</span>
            <input
              name={`price.${m}`}
              inputMode="decimal"
              value={prices[m] ?? ""}
              onChange={(e) => onChange({ ...prices, [m]: e.target.value })}
              placeholder="not sold"
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
