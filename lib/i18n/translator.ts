import { createFormatter, createTranslator, type IntlError } from "next-intl";
import { catalogs } from "./messages";
import { defaultLocale, isLocale, type Locale } from "./locales";

/** Everything is shown in UTC, as the rest of the app does. */
export const timeZone = "UTC";

/** A known locale, or the default for anything else (a stored value from a removed language, null). */
export function localeOr(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

const english = createTranslator({ locale: defaultLocale, messages: catalogs[defaultLocale], timeZone });

/**
 * A missing key or a broken message is a bug. Tests fail on it (typed keys make tsc fail first);
 * in production the reader gets the English text and the log an error, never the bare key.
 */
export const intlErrorHandling = {
  onError(error: IntlError) {
    if (process.env.NODE_ENV === "test" || process.env.VITEST) throw error;
    console.error(error);
  },
  getMessageFallback({ namespace, key }: { namespace?: string; key: string }) {
    const path = namespace ? `${namespace}.${key}` : key;
    try {
      return english(path as never);
    } catch {
      return "";
    }
  },
};

/**
 * Messages for a locale outside a request: emails, PDFs, jobs. In a page, server action or
 * route handler use getTranslations() from next-intl/server, which knows the reader's locale.
 */
export function translatorFor(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

/** One translator per locale, made on first use: the catalogs never change while the process runs, and making one costs more than a message. */
const translators = new Map<Locale, ReturnType<typeof makeTranslator>>();
const makeTranslator = (locale: Locale) => createTranslator({ locale, messages: catalogs[locale], timeZone, ...intlErrorHandling });

/** Dates, numbers, money and lists for a locale outside a request. */
export function formatterFor(locale: Locale) {
  return createFormatter({ locale, timeZone });
}

export type Translator = ReturnType<typeof translatorFor>;
