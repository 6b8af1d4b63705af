import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Conn, Tx } from "../../db";
import { balanceEntries, clients, invoices, operations, serviceHistory, tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { currencyMismatch } from "../../billing/currency";
import { priceItem } from "../../billing/price";
import { issueInvoiceNumber } from "../../billing/invoice-number";
import { conflict, unprocessable, ValidationError } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { loadOwnService, type ServiceRow } from "./load-own";
import { heldSuspensions, liftSuspensions } from "./suspensions";

export const renewServiceInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

export const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

/** What renewing costs: the tariff's price for the service's period plus the add-on units it has. */
export async function renewalQuote(conn: Conn, service: ServiceRow) {
  const [tariff] = await conn.select().from(tariffs).where(eq(tariffs.id, service.tariffId));
  const prices = await conn.select().from(tariffPrices).where(eq(tariffPrices.tariffId, service.tariffId));
  const resources = await conn.select().from(tariffResources).where(eq(tariffResources.tariffId, service.tariffId));
  const addons: Record<string, number> = {};
  for (const r of resources) {
    const extra = (service.resources[r.key] ?? r.amount) - r.amount;
    if (r.addon && extra > 0) addons[r.key] = Math.min(extra, r.maxExtra);
  }
  try {
    return { months: service.months, price: priceItem(prices, resources, { months: service.months, addons }), currency: tariff!.currency, tariffName: tariff!.name };
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

const referenceFor = (service: ServiceRow) => `renewal:${service.id}:${service.expiresAt!.toISOString()}`;

/** True when the period ending at the service's current expiry is already paid for. */
export async function renewedFor(conn: Conn, service: ServiceRow): Promise<boolean> {
  const [entry] = await conn.select({ id: balanceEntries.id }).from(balanceEntries).where(eq(balanceEntries.reference, referenceFor(service)));
  if (entry) return true;
  const [op] = await conn
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "prolong"), ne(operations.status, "cancelled"), sql`${operations.params}->>'forExpiry' = ${service.expiresAt!.toISOString()}`));
  return Boolean(op);
}

export type RenewalOutcome =
  | { kind: "renewed"; price: number; currency: string; invoiceId: number; operationIds: number[] }
  | { kind: "already" }
  | { kind: "not_sold" }
  | { kind: "currency"; currency: string; clientCurrency: string }
  | { kind: "insufficient"; price: number; balance: number; currency: string };

/**
 * Charges one renewal of a locked, active or suspended service in the caller's transaction: a paid
 * renewal invoice, the ledger entry (its reference makes a second charge for the same expiry
 * impossible), a `prolong` operation, and the non-payment reason lifted: a `resume` when no other
 * reason holds the service suspended (an abuse or client-wide suspension stays).
 */
export async function chargeRenewal(tx: Tx, service: ServiceRow, opts: { at: Date; actorUserId: number | null }): Promise<RenewalOutcome> {
  if (await renewedFor(tx, service)) return { kind: "already" };
  const quote = await renewalQuote(tx, service);
  if (!quote) return { kind: "not_sold" };
  const { price, currency } = quote;
  const [payer] = await tx.select({ currency: clients.currency }).from(clients).where(eq(clients.id, service.clientId));
  if (payer && payer.currency !== currency) return { kind: "currency", currency, clientCurrency: payer.currency };
  let balanceAfter = 0;
  if (price > 0) {
    const [charged] = await tx
      .update(clients)
      .set({ balance: sql`${clients.balance} - ${price}` })
      .where(and(eq(clients.id, service.clientId), gte(clients.balance, price)))
      .returning({ balance: clients.balance });
    if (!charged) {
      const [client] = await tx.select({ balance: clients.balance }).from(clients).where(eq(clients.id, service.clientId));
      return { kind: "insufficient", price, balance: client?.balance ?? 0, currency };
    }
    balanceAfter = charged.balance;
  }
  const period = `${quote.months} month${quote.months === 1 ? "" : "s"}`;
  const description = `Renewal of service #${service.id} (${quote.tariffName}, ${period})`;
  const issued = await issueInvoiceNumber(tx, { at: opts.at, paid: true });
  const [invoice] = await tx
    .insert(invoices)
    .values({ clientId: service.clientId, kind: "renewal", serviceId: service.id, amount: price, currency, status: "paid", description, createdAt: opts.at, paidAt: opts.at, ...issued })
    .returning({ id: invoices.id });
  if (price > 0) {
    await tx.insert(balanceEntries).values({
      clientId: service.clientId, kind: "charge", amount: -price, currency, balanceAfter, invoiceId: invoice!.id,
      reference: referenceFor(service), note: description, actorUserId: opts.actorUserId, createdAt: opts.at,
    });
  }
  const prolong = await enqueueOperation(tx, { serviceId: service.id, kind: "prolong", params: { months: quote.months, forExpiry: service.expiresAt!.toISOString() }, runAt: opts.at });
  if (!prolong.created) throw conflict("A renewal of this service is already in progress");
  const operationIds = [prolong.id];
  const lifted = await liftSuspensions(tx, service, { scope: "service", reasons: ["non_payment"], byUserId: opts.actorUserId, at: opts.at });
  if (lifted.operationId !== null) operationIds.push(lifted.operationId);
  else if (lifted.lifted.length === 0 && service.status === "suspended" && (await suspendedForNotPaying(tx, service.id)) && (await heldSuspensions(tx, service.id)).length === 0) {
    operationIds.push((await enqueueOperation(tx, { serviceId: service.id, kind: "resume", params: { reason: "renewed" }, runAt: opts.at })).id);
  }
  await tx.insert(serviceHistory).values({
    serviceId: service.id, fromStatus: service.status, toStatus: service.status, actorUserId: opts.actorUserId, createdAt: opts.at,
    message: `Renewed for ${period}, ${money(price, currency)} paid from the balance; being renewed on the panel`,
  });
  return { kind: "renewed", price, currency, invoiceId: invoice!.id, operationIds };
}

/** A suspension at expiry recorded before reasons were kept (its suspend operation says "expired"). */
async function suspendedForNotPaying(conn: Conn, serviceId: number): Promise<boolean> {
  const [last] = await conn
    .select({ params: operations.params })
    .from(operations)
    .where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "suspend"), eq(operations.status, "done")))
    .orderBy(desc(operations.id))
    .limit(1);
  return last?.params.reason === "expired";
}

/**
 * "Renew now": charges the renewal price for the service's period from the balance and sends
 * `prolong`, in one transaction. Insufficient funds changes nothing; a second request for the
 * same expiry charges nothing (charged: false).
 */
export async function renewService({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(renewServiceInput, input);
  const result = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    if ((service.status !== "active" && service.status !== "suspended") || !service.expiresAt || service.pending === "close") {
      throw conflict("Only an active or suspended service can be renewed");
    }
    const outcome = await chargeRenewal(tx, service, { at: now(ctx), actorUserId: actorUserId(ctx.actor) });
    if (outcome.kind === "not_sold") throw conflict("This tariff is no longer sold for the service's period; please contact support");
    if (outcome.kind === "currency") throw currencyMismatch("The renewal", outcome.currency, outcome.clientCurrency);
    if (outcome.kind === "insufficient") {
      throw unprocessable(
        `Insufficient funds: the renewal costs ${money(outcome.price, outcome.currency)}, the balance is ${money(outcome.balance, outcome.currency)}`,
        { code: "insufficient_funds", price: outcome.price, balance: outcome.balance },
      );
    }
    if (outcome.kind === "already") return { charged: false as const, operationIds: [] as number[] };
    await audit(tx, ctx.actor, { action: "service.renew", entity: "service", entityId: service.id, after: { price: outcome.price, invoiceId: outcome.invoiceId } });
    return { charged: true as const, price: outcome.price, currency: outcome.currency, invoiceId: outcome.invoiceId, operationIds: outcome.operationIds };
  });
  await dispatchOperations(result.operationIds);
  return result;
}
