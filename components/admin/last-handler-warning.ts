import type { SoleTariff } from "@/lib/services/handlers/sole-handler-of";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * What disabling a handler does to the tariffs it is the last enabled handler of, by name: they
 * leave the store, or stay on sale to be set up by hand, or (hidden ones) just lose their module.
 */
export function lastHandlerWarning(tariffs: SoleTariff[], locale: Locale = "en"): string | null {
  const t = translatorFor(locale);
  const names = (list: SoleTariff[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(list.map((x) => x.name));
  const leaving = tariffs.filter((x) => x.published && !x.sellWithoutHandler);
  const byHand = tariffs.filter((x) => x.published && x.sellWithoutHandler);
  const hidden = tariffs.filter((x) => !x.published);
  const lines = [
    leaving.length && t("adminHandler.warning.leaving", { count: leaving.length, names: names(leaving) }),
    byHand.length && t("adminHandler.warning.byHand", { count: byHand.length, names: names(byHand) }),
    hidden.length && t("adminHandler.warning.hidden", { count: hidden.length, names: names(hidden) }),
  ].filter((l): l is string => Boolean(l));
  return lines.length ? lines.join(" ") : null;
}
