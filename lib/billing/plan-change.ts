import { and, eq, ne } from "drizzle-orm";
import type { Conn } from "../db";
import { handlers, tariffHandlers, tariffResources, tariffs } from "../db/schema";
import { clientCurrencyOf, loadPriceLists } from "./price-list";
import { getModule } from "../modules/registry";
import { addMonths } from "../dates";

type Service = { id: number; clientId: number; tariffId: number; handlerId: number | null; productType: string; months: number; expiresAt: Date | null; resources: Record<string, number> };

export type PlanQuote = {
  tariffId: number;
  tariffName: string;
  currency: string;
  months: number;
  /** The new plan's price for the service's period. */
  price: number;
  /** Given back for the unused time of the old plan. */
  credit: number;
  /** Taken for the new plan's remaining time. */
  charge: number;
  /** charge − credit: positive is taken from the balance, negative is given to it. */
  difference: number;
  /** Resource amounts the service will have on the new plan (its amounts plus the add-ons carried over). */
  resources: Record<string, number>;
  template: string | null;
};

/**
 * The part of a period's price for the time left of it at `at`. Rounding rule: to the nearest minor
 * unit, halves up; credit and charge are rounded each on its own, the difference is charge − credit.
 */
export function prorate(price: number, service: Pick<Service, "months" | "expiresAt">, at: Date): number {
  if (!service.expiresAt) return 0;
  const end = service.expiresAt.getTime();
  const start = addMonths(service.expiresAt, -service.months).getTime();
  const left = Math.min(Math.max(end - at.getTime(), 0), end - start);
  return Math.round((price * left) / (end - start));
}

/** Whether the service's handler can change a tariff: its module changes tariffs, or staff do every operation by hand. */
export async function handlerChangesTariff(conn: Conn, handlerId: number | null): Promise<boolean> {
  if (handlerId === null) return false;
  const [handler] = await conn.select({ module: handlers.module }).from(handlers).where(eq(handlers.id, handlerId));
  if (!handler) return false;
  const module = getModule(handler.module);
  return Boolean(module.changeTariff) || Boolean(module.alwaysManual);
}

/** The amounts on the new plan: its own, plus the add-ons the service has, which the new plan must offer within its limits. */
function carriedResources(service: Service, oldBase: Map<string, number>, offered: (typeof tariffResources.$inferSelect)[]): Record<string, number> | null {
  const resources: Record<string, number> = Object.fromEntries(offered.map((r) => [r.key, r.amount]));
  for (const [key, amount] of Object.entries(service.resources)) {
    const extra = amount - (oldBase.get(key) ?? 0);
    if (extra <= 0) continue;
    const next = offered.find((r) => r.key === key);
    if (!next?.addon || next.maxExtra < extra) return null;
    resources[key] = next.amount + extra;
  }
  return resources;
}

/**
 * The plans a service can change to, each with its amounts at `at`: published plans of the same product
 * type priced in the client's currency that sell the service's period, are served by the service's
 * handler, and can carry its add-ons (offered in that currency); none when the handler's module cannot
 * change tariffs or the paid period is over.
 */
export async function planChoices(conn: Conn, service: Service, at: Date): Promise<PlanQuote[]> {
  if (!service.expiresAt || service.expiresAt <= at || !(await handlerChangesTariff(conn, service.handlerId))) return [];
  const [current] = await conn.select().from(tariffs).where(eq(tariffs.id, service.tariffId));
  if (!current) return [];
  const rows = await conn
    .select({ tariff: tariffs, handlerTemplate: tariffHandlers.template })
    .from(tariffs)
    .innerJoin(tariffHandlers, and(eq(tariffHandlers.tariffId, tariffs.id), eq(tariffHandlers.handlerId, service.handlerId!)))
    .where(and(eq(tariffs.productType, current.productType), eq(tariffs.published, true), ne(tariffs.id, current.id)));
  const currency = await clientCurrencyOf(conn, service.clientId);
  const lists = await loadPriceLists(conn, [current.id, ...rows.map((r) => r.tariff.id)]);
  const periodPrice = (id: number) => lists.get(id)?.get(currency)?.prices.find((p) => p.months === service.months)?.price;
  const oldPrice = periodPrice(current.id);
  if (oldPrice === undefined) return [];
  const oldBase = new Map((await conn.select().from(tariffResources).where(eq(tariffResources.tariffId, current.id))).map((r) => [r.key, r.amount]));
  const credit = prorate(oldPrice, service, at);
  const choices: PlanQuote[] = [];
  for (const { tariff, handlerTemplate } of rows) {
    const price = periodPrice(tariff.id);
    if (price === undefined) continue;
    const resources = carriedResources(service, oldBase, lists.get(tariff.id)!.get(currency)!.resources);
    if (!resources) continue;
    const charge = prorate(price, service, at);
    choices.push({ tariffId: tariff.id, tariffName: tariff.name, currency, months: service.months, price, credit, charge, difference: charge - credit, resources, template: (handlerTemplate ?? tariff.template) || null });
  }
  return choices.sort((a, b) => a.price - b.price || a.tariffId - b.tariffId);
}
