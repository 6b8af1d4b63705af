import type { SoleTariff } from "@/lib/services/handlers/sole-handler-of";

const names = (list: SoleTariff[]) => new Intl.ListFormat("en", { type: "conjunction" }).format(list.map((t) => t.name));
const tariffsWord = (list: SoleTariff[]) => (list.length === 1 ? "Tariff" : "Tariffs");

/**
 * What disabling a handler does to the tariffs it is the last enabled handler of, by name: they
 * leave the store, or stay on sale to be set up by hand, or (hidden ones) just lose their module.
 */
export function lastHandlerWarning(tariffs: SoleTariff[]): string | null {
  const leaving = tariffs.filter((t) => t.published && !t.sellWithoutHandler);
  const byHand = tariffs.filter((t) => t.published && t.sellWithoutHandler);
  const hidden = tariffs.filter((t) => !t.published);
  const lines = [
    leaving.length && `${tariffsWord(leaving)} ${names(leaving)} will have no enabled processing module and leave the store.`,
    byHand.length &&
      `${tariffsWord(byHand)} ${names(byHand)} will have no enabled processing module; ${byHand.length === 1 ? "it stays" : "they stay"} on sale and staff set up new orders by hand, as tasks.`,
    hidden.length && `Hidden ${tariffsWord(hidden).toLowerCase()} ${names(hidden)} will have no enabled processing module.`,
  ].filter((l): l is string => Boolean(l));
  return lines.length ? lines.join(" ") : null;
}
