import type { Locale } from "./locales";

/** The region-specific tag Intl formats each language with (en: US conventions, ru: Russian ones). */
const intlTags: Record<Locale, string> = { en: "en-US", ru: "ru-RU" };

/** Intl formatters are slow to make and hold no state: one per language and currency is kept. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(tag: string, currency: string): Intl.NumberFormat {
  const key = `${tag} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** The digits after the decimal point of a currency (ISO 4217): 2 for USD, 0 for JPY. */
export function minorDigits(currency: string): number {
  return moneyFormat("en-US", currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An amount typed in major units ("12.50", "1,500") as integer minor units of the currency: cents
 * for USD, whole yen for JPY, fils for KWD. NaN when it is not an amount, or has more decimals than
 * the currency has ("1500.5" yen).
 */
export function parseMoney(value: string, currency: string): number {
  const digits = minorDigits(currency);
  const clean = value.trim().replace(/[\s,]/g, "");
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(clean);
  if (!match || (match[2] ?? "").length > digits) return Number.NaN;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || 0);
}

/** Minor units as plain major-unit text for a form field ("12.50", "1500", "1.250"). */
export function majorText(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/** An amount in minor units (cents for USD, whole yen for JPY), in its currency, written as the locale writes money. */
export function formatMoneyIn(locale: Locale, amount: number, currency: string): string {
  return moneyFormat(intlTags[locale], currency).format(amount / 10 ** minorDigits(currency));
}

/** A count as the locale writes numbers (1,234 / 1 234). */
export function formatNumberIn(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlTags[locale]).format(value);
}

/** A day in UTC: 2026-12-07 in English (unambiguous for every reader), 07.12.2026 in Russian. */
export function formatDateIn(locale: Locale, date: Date | string | null | undefined): string {
  if (!date) return "—";
  const d = new Date(date);
  if (locale === "en") return d.toISOString().slice(0, 10);
  return new Intl.DateTimeFormat(intlTags[locale], { dateStyle: "short", timeZone: "UTC" }).format(d);
}

/** A moment in UTC: 2026-12-07 14:05 UTC in English, 07.12.2026, 14:05 UTC in Russian. */
export function formatDateTimeIn(locale: Locale, date: Date | string | null | undefined): string {
  if (!date) return "—";
  const d = new Date(date);
  if (locale === "en") return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return new Intl.DateTimeFormat(intlTags[locale], { dateStyle: "short", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC";
}

/** A month and year in UTC: "December 2026", "декабрь 2026 г.". */
export function formatMonthIn(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlTags[locale], { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A country's name in the locale (ISO 3166 alpha-2 code), e.g. DE → Germany / Германия. */
export function countryNameIn(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([intlTags[locale]], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
