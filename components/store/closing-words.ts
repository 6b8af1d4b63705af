import type { Locale } from "@/lib/i18n/locales";
import { formatDateIn, formatMoneyIn } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/translator";

type Terms = { refund: number; currency: string; endsAt: Date | null };

/** What closing a service now, or at the end of its paid period, gives back, in the reader's language. */
export function closeTermsIn(locale: Locale, terms: Terms): { now: string; periodEnd: string } {
  const t = translatorFor(locale);
  return {
    now: terms.refund > 0 ? t("closing.now", { amount: formatMoneyIn(locale, terms.refund, terms.currency) }) : t("closing.nowNothing"),
    periodEnd: terms.endsAt ? t("closing.periodEnd", { date: formatDateIn(locale, terms.endsAt) }) : t("closing.periodOver"),
  };
}
