import type { PlanQuote } from "./plan-change";
import type { Locale } from "../i18n/locales";
import { formatMoneyIn } from "../i18n/format";
import { translatorFor } from "../i18n/translator";

type Whose = "your" | "the client's";

/** The change's effect on the balance: taken from it, added to it, or none, in the reader's language. */
function netWords(q: PlanQuote, whose: Whose, locale: Locale): string {
  const t = translatorFor(locale);
  const money = (n: number) => formatMoneyIn(locale, n, q.currency);
  const owner = whose === "your" ? "your" : "client";
  if (q.difference > 0) return t("planWords.taken", { amount: money(q.difference), whose: owner });
  if (q.difference < 0) return t("planWords.added", { amount: money(-q.difference), whose: owner });
  return t("planWords.same");
}

/** What a plan change does to the balance, in plain words (the reader's language), before it is confirmed. */
export function planChangeWords(q: PlanQuote, from: string, until: string, whose: Whose, locale: Locale = "en"): { label: string; confirm: string } {
  const t = translatorFor(locale);
  const money = (n: number) => formatMoneyIn(locale, n, q.currency);
  return {
    label: t("planWords.label", { tariff: q.tariffName, price: money(q.price) }),
    confirm: t("planWords.confirm", { tariff: q.tariffName, until, credit: money(q.credit), from, charge: money(q.charge), net: netWords(q, whose, locale) }),
  };
}

/** What an add-on change does to the balance, in plain words, before it is confirmed. `amounts`: the new amounts in words. */
export function addonChangeWords(q: PlanQuote, amounts: string, until: string, whose: Whose, locale: Locale = "en"): string {
  const money = (n: number) => formatMoneyIn(locale, n, q.currency);
  return translatorFor(locale)("planWords.addonConfirm", { amounts, until, credit: money(q.credit), charge: money(q.charge), net: netWords(q, whose, locale), price: money(q.price) });
}
