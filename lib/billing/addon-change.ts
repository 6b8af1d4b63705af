import { and, eq } from "drizzle-orm";
import type { Conn } from "../db";
import { tariffHandlers, tariffs } from "../db/schema";
import { clientCurrencyOf, priceListOf } from "./price-list";
import { unprocessable, ValidationError } from "../errors";
import { handlerChangesTariff, prorate, type PlanQuote } from "./plan-change";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translator";

type Service = { clientId: number; tariffId: number; handlerId: number | null; months: number; expiresAt: Date | null; resources: Record<string, number> };

/** An add-on of the service's plan: what the plan includes, the extra units the service has now, and the limits. */
export type AddonOffer = { key: string; label: string; unit: string; included: number; extra: number; maxExtra: number; unitPrice: number; currency: string };

/** A quote for new add-on amounts: a plan-change quote on the same plan, with the extra units asked for. */
export type AddonQuote = PlanQuote & { addons: Record<string, number> };

/**
 * The add-ons a service can change now, with the extra units it has; none when its module cannot
 * change tariffs (the change runs as its change_tariff operation) or the paid period is over.
 */
export async function addonOffers(conn: Conn, service: Service, at: Date): Promise<AddonOffer[]> {
  if (!service.expiresAt || service.expiresAt <= at || !(await handlerChangesTariff(conn, service.handlerId))) return [];
  const currency = await clientCurrencyOf(conn, service.clientId);
  const list = await priceListOf(conn, service.tariffId, currency);
  return (list?.resources ?? [])
    .filter((r) => r.addon && r.maxExtra > 0)
    .map((r) => ({ key: r.key, label: r.label, unit: r.unit, included: r.amount, extra: Math.max((service.resources[r.key] ?? r.amount) - r.amount, 0), maxExtra: r.maxExtra, unitPrice: r.unitPrice, currency }));
}

/** The price of the add-on units for one period: each extra unit at its monthly price, for the period's months. */
const addonsPrice = (offers: AddonOffer[], extras: Record<string, number>, months: number) =>
  offers.reduce((sum, o) => sum + (extras[o.key] ?? o.extra) * o.unitPrice * months, 0);

/**
 * What changing the add-ons to `wanted` (extra units per key; keys left out keep theirs) does at `at`,
 * prorated by time over the rest of the paid period with the plan changes' own rule (`prorate`): a
 * credit for the unused time of the add-ons the service has, a charge for the new add-ons' remaining
 * time, the difference charge − credit. `price` is the period's price with the new add-ons (the next
 * renewal). Field errors for an add-on not offered or outside its limits; refused when nothing changes.
 */
export async function addonQuote(conn: Conn, service: Service, offers: AddonOffer[], wanted: Record<string, number>, at: Date): Promise<AddonQuote> {
  if (!offers.length) throw unprocessable("The add-ons of this service cannot be changed");
  for (const [key, extra] of Object.entries(wanted)) {
    const offer = offers.find((o) => o.key === key);
    if (!offer) throw new ValidationError({ [`addons.${key}`]: ["This add-on is not offered"] });
    if (!Number.isInteger(extra) || extra < 0 || extra > offer.maxExtra) throw new ValidationError({ [`addons.${key}`]: [`Choose from 0 to ${offer.maxExtra}`] });
  }
  const addons = Object.fromEntries(offers.map((o) => [o.key, wanted[o.key] ?? o.extra]));
  if (offers.every((o) => addons[o.key] === o.extra)) throw unprocessable("These are the add-ons the service has: nothing changes");
  const [tariff] = await conn.select().from(tariffs).where(eq(tariffs.id, service.tariffId));
  const [onHandler] = service.handlerId === null ? [] : await conn.select({ template: tariffHandlers.template }).from(tariffHandlers).where(and(eq(tariffHandlers.tariffId, service.tariffId), eq(tariffHandlers.handlerId, service.handlerId)));
  const currency = offers[0]!.currency;
  const base = (await priceListOf(conn, service.tariffId, currency))?.prices.find((p) => p.months === service.months);
  const credit = prorate(addonsPrice(offers, {}, service.months), service, at);
  const charge = prorate(addonsPrice(offers, addons, service.months), service, at);
  const resources = { ...service.resources, ...Object.fromEntries(offers.map((o) => [o.key, o.included + addons[o.key]!])) };
  return {
    tariffId: service.tariffId, tariffName: tariff!.name, currency, months: service.months,
    price: (base?.price ?? 0) + addonsPrice(offers, addons, service.months),
    credit, charge, difference: charge - credit, resources, template: (onHandler?.template ?? tariff!.template) || null, addons,
  };
}

/** The add-on amounts in words: "Disk: 15 GiB (10 extra), Databases: 5", in the reader's language. */
export function addonWords(offers: AddonOffer[], addons: Record<string, number>, locale: Locale = "en"): string {
  const t = translatorFor(locale);
  return offers.map((o) => {
    const extra = addons[o.key] ?? o.extra;
    return `${o.label}: ${o.included + extra}${o.unit ? ` ${o.unit}` : ""}${extra > 0 ? ` ${t("planWords.extra", { n: extra })}` : ""}`;
  }).join(", ");
}
