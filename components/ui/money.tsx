import { useLocale } from "next-intl";
import { formatMoneyIn } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** An amount in minor units (cents for USD, whole yen for JPY), formatted in its currency (English unless a locale is given). */
export function formatMoney(amount: number, currency: string, locale: Locale = "en"): string {
  return formatMoneyIn(locale, amount, currency);
}

/** An amount written as the reader's language writes money. */
export function Money({ amount, currency }: { amount: number; currency: string }) {
  const locale = useLocale();
  return <span className="tabular-nums">{formatMoneyIn(locale, amount, currency)}</span>;
}
