import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { openOperationStatuses } from "../vocabulary";
import { balanceEntries, clients, couponRedemptions, coupons, invoices, operations, orderItems, serviceSuspensions, services, tariffs } from "../db/schema";
import { renewalReference } from "../services/services/charge-renewal";
import { listFor, price } from "../services/services/renewal-quote";
import type { ServiceRow } from "../services/services/load-own";
import { loadPriceLists } from "./price-list";
import { taxInvoice } from "./tax";
import { loadTaxSetup, taxBuyerOf } from "./tax-setup";
import type { Client } from "./issue-invoice";

const DAY_MS = 86_400_000;

export type When = { now: Date; horizon: Date; graceDays: number };

/** A service the batch renews from the balance, or invoices (and suspends at expiry) when the balance is short. */
export type Planned = {
  service: ServiceRow;
  tariffName: string;
  client: Client;
  months: number;
  /** The tariff's price for the period (before tax), and what the client pays (tax included). */
  catalogPrice: number;
  total: number;
  currency: string;
  /** Renewed: the balance after its charge; short: the balance that did not cover it. */
  balance: number;
  paid: boolean;
  suspend: boolean;
};

/**
 * The batch's services that need nothing but the common renewal: an active auto-renew service
 * with no operation open, no suspension held, no renewal invoice or charge yet for this expiry,
 * no recurring coupon, priced in its client's currency for its own period, not past its grace
 * period. Each is planned in service order with the balance it leaves, exactly as one-by-one
 * renewal would charge it. A client with any other due service in the batch is left whole to the
 * one-by-one path, so that its balance is spent in the same order. Returns the plans and the rest.
 */
export async function planBatch(tx: Tx, ids: number[], when: When): Promise<{ planned: Planned[]; rest: number[] }> {
  const rows = await tx
    .select({ service: services, tariffName: tariffs.name, tariffCurrency: tariffs.currency, clientId: clients.id })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(inArray(services.id, ids))
    .orderBy(services.id)
    .for("update", { of: services });
  const clientIds = [...new Set(rows.map((r) => r.clientId))];
  const [payers, open, held, invoiced, charged, prolonged, couponed, lists, setup] = await Promise.all([
    tx.select().from(clients).where(inArray(clients.id, clientIds)).orderBy(clients.id).for("update"),
    tx.selectDistinct({ id: operations.serviceId }).from(operations).where(and(inArray(operations.serviceId, ids), inArray(operations.status, [...openOperationStatuses]))),
    tx.selectDistinct({ id: serviceSuspensions.serviceId }).from(serviceSuspensions).where(and(inArray(serviceSuspensions.serviceId, ids), isNull(serviceSuspensions.liftedAt))),
    tx.select({ id: invoices.serviceId, expiry: invoices.renewalFor }).from(invoices).where(and(eq(invoices.kind, "renewal"), inArray(invoices.serviceId, ids))),
    tx.select({ reference: balanceEntries.reference }).from(balanceEntries).where(inArray(balanceEntries.reference, rows.filter((r) => r.service.expiresAt).map((r) => renewalReference(r.service)))),
    tx.select({ id: operations.serviceId, forExpiry: sql<string | null>`${operations.params}->>'forExpiry'` }).from(operations)
      .where(and(inArray(operations.serviceId, ids), eq(operations.kind, "prolong"), ne(operations.status, "cancelled"))),
    tx.select({ id: services.id }).from(services)
      .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
      .innerJoin(couponRedemptions, eq(couponRedemptions.orderId, orderItems.orderId))
      .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
      .where(and(inArray(services.id, ids), eq(coupons.recurring, true), isNull(coupons.disabledAt))),
    loadPriceLists(tx, [...new Set(rows.map((r) => r.service.tariffId))]),
    loadTaxSetup(tx),
  ]);
  const clientOf = new Map(payers.map((c) => [c.id, c]));
  const busy = new Set([...open, ...held, ...couponed].map((r) => r.id));
  const done = new Set([
    ...invoiced.map((i) => `${i.id}:${i.expiry?.toISOString()}`),
    ...prolonged.map((p) => `${p.id}:${p.forExpiry}`),
  ]);
  const refs = new Set(charged.map((c) => c.reference ?? ""));

  const candidates: Omit<Planned, "balance" | "paid">[] = [];
  const mixed = new Set<number>();
  for (const { service, tariffName, tariffCurrency } of rows) {
    const client = clientOf.get(service.clientId);
    const plan = client && common(service, when, busy, done, refs) ? quote(service, tariffName, tariffCurrency, client, lists, setup) : null;
    if (plan) candidates.push({ service, tariffName, client: client!, ...plan, suspend: service.expiresAt! <= when.now });
    else mixed.add(service.clientId);
  }
  const balances = new Map(payers.map((c) => [c.id, c.balance]));
  const planned: Planned[] = [];
  for (const c of candidates) {
    if (mixed.has(c.client.id)) continue;
    const balance = balances.get(c.client.id)!;
    const paid = balance >= c.total;
    if (paid) balances.set(c.client.id, balance - c.total);
    planned.push({ ...c, paid, balance: paid ? balance - c.total : balance, suspend: !paid && c.suspend });
  }
  const mine = new Set(planned.map((p) => p.service.id));
  return { planned, rest: ids.filter((id) => !mine.has(id)) };
}

/** True for a service the common renewal fits: see planBatch. */
function common(service: ServiceRow, when: When, busy: Set<number>, done: Set<string>, refs: Set<string>): boolean {
  const expiry = service.expiresAt;
  if (service.status !== "active" || !service.autoRenew || service.pending !== null || !expiry || expiry > when.horizon) return false;
  if (when.now.getTime() >= expiry.getTime() + when.graceDays * DAY_MS) return false;
  const at = expiry.toISOString();
  return !busy.has(service.id) && !done.has(`${service.id}:${at}`) && !refs.has(renewalReference(service));
}

/** The service's renewal for its own period in its client's currency, taxed; null when it is not that simple. */
function quote(
  service: ServiceRow,
  tariffName: string,
  tariffCurrency: string,
  client: Client,
  lists: Awaited<ReturnType<typeof loadPriceLists>>,
  setup: Awaited<ReturnType<typeof loadTaxSetup>>,
) {
  const list = listFor({ name: tariffName, currency: tariffCurrency }, lists.get(service.tariffId), client.currency);
  if (list.currency !== client.currency) return null;
  const catalog = price(list, service, service.months);
  if (!catalog || catalog.price <= 0) return null;
  const total = taxInvoice(setup, taxBuyerOf(client), [catalog.price]).total;
  return total > 0 ? { months: service.months, catalogPrice: catalog.price, total, currency: list.currency } : null;
}
