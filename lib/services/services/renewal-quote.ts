import { and, eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { invoices, tariffs } from "../../db/schema";
import { clientCurrencyOf, loadPriceLists, type PriceList } from "../../billing/price-list";
import { addMonths } from "../../dates";
import { priceItem } from "../../billing/price";
import { quoteInvoice } from "../../billing/issue-invoice";
import { renewalPrices } from "../../billing/coupon-renewal";
import { ValidationError } from "../../errors";
import type { ServiceRow } from "./load-own";

/** `price` is what the renewal costs the client, tax included; `catalogPrice` the tariff's price it is taxed from. */
export type RenewalQuote = { months: number; price: number; catalogPrice: number; currency: string; tariffName: string };

/**
 * The tariff's price list in the client's currency; a tariff with no price in it keeps its own
 * currency's, which the charge then refuses with the reason (another currency than the balance's).
 */
async function tariffOf(conn: Conn, service: Pick<ServiceRow, "tariffId" | "clientId">) {
  const [tariff] = await conn.select().from(tariffs).where(eq(tariffs.id, service.tariffId));
  return listFor(tariff!, (await loadPriceLists(conn, [service.tariffId])).get(service.tariffId), await clientCurrencyOf(conn, service.clientId));
}

type Tariff = { name: string; currency: string };
type Listed = { tariff: Tariff; currency: string; prices: PriceList["prices"]; resources: PriceList["resources"] };

/** The price list a renewal is priced from: the client's currency's, else the tariff's own. */
export function listFor(tariff: Tariff, lists: Map<string, PriceList> | undefined, clientCurrency: string): Listed {
  const list = lists?.get(clientCurrency) ?? lists?.get(tariff.currency);
  return { tariff, currency: list?.currency ?? tariff.currency, prices: list?.prices ?? [], resources: list?.resources ?? [] };
}

/** The renewal's catalogue price for a period (add-ons included, before tax and coupon); null when that period is not sold. */
export function price(t: Listed, service: Pick<ServiceRow, "resources">, months: number): Omit<RenewalQuote, "catalogPrice"> | null {
  const addons: Record<string, number> = {};
  for (const r of t.resources) {
    const extra = (service.resources[r.key] ?? r.amount) - r.amount;
    if (r.addon && extra > 0) addons[r.key] = Math.min(extra, r.maxExtra);
  }
  try {
    return { months, price: priceItem(t.prices, t.resources, { months, addons }), currency: t.currency, tariffName: t.tariff.name };
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/**
 * What renewing costs for a period (the service's own by default): the tariff's price for it plus
 * the add-on units the service has, each at its monthly price times the months. Null when the
 * tariff does not sell that period. Tax is added as the renewal's invoice will (lib/billing/tax.ts).
 */
export async function renewalQuote(conn: Conn, service: ServiceRow, months = service.months): Promise<RenewalQuote | null> {
  return taxed(conn, service, price(await tariffOf(conn, service), service, months));
}

/** Taxed as the renewal's invoice will be, with the recurring coupon's discount line when the service has one. */
async function taxed(conn: Conn, service: Pick<ServiceRow, "clientId" | "id">, quote: Omit<RenewalQuote, "catalogPrice"> | null): Promise<RenewalQuote | null> {
  if (!quote) return null;
  const { prices } = await renewalPrices(conn, service.id, quote.months, quote.price, quote.currency);
  return { ...quote, catalogPrice: quote.price, price: (await quoteInvoice(conn, service.clientId, prices)).total };
}

/** Every period the tariff sells, shortest first, with its price and the expiry it would give. */
export async function renewalChoices(conn: Conn, service: ServiceRow) {
  const t = await tariffOf(conn, service);
  const choices = [];
  for (const p of t.prices) {
    const quote = await taxed(conn, service, price(t, service, p.months));
    if (quote && service.expiresAt) choices.push({ ...quote, newExpiry: addMonths(service.expiresAt, p.months) });
  }
  return choices;
}

/**
 * What a live service's page offers to renew: every period sold, and the unpaid renewal invoice of
 * the current period if one was issued (it is paid first). Nothing for a service that cannot be renewed.
 */
export async function renewalOffer(conn: Conn, service: ServiceRow) {
  const live = (service.status === "active" || service.status === "suspended") && service.pending !== "close" && service.expiresAt;
  if (!live) return { renewals: [], renewalInvoice: null };
  const [invoice] = await conn
    .select({ id: invoices.id, number: invoices.number, amount: invoices.amount, currency: invoices.currency, dueAt: invoices.dueAt, months: invoices.renewalMonths })
    .from(invoices)
    .where(and(eq(invoices.serviceId, service.id), eq(invoices.kind, "renewal"), eq(invoices.status, "unpaid"), eq(invoices.renewalFor, service.expiresAt!)));
  return { renewals: await renewalChoices(conn, service), renewalInvoice: invoice ?? null };
}
