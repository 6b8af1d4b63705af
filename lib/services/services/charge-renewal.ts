import { queuePaymentReceiptEmail } from "../../email/money-emails";
import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Conn, Tx } from "../../db";
import { balanceEntries, clients, invoices, operations, serviceHistory, services, tariffs } from "../../db/schema";
import { issueRenewalInvoice, openRenewalInvoice, periodWords, renewalDescription, replaceRenewalInvoice } from "../../billing/renewal-invoices";
import { formatAmount } from "../../billing/ledger";
import { conflict } from "../../errors";
import { enqueueOperation } from "../../processing/enqueue";
import type { ServiceRow } from "./load-own";
import { renewalQuote } from "./renewal-quote";
import { heldSuspensions, liftSuspensions } from "./suspensions";

/** An amount as the rest of the app writes it ($39.90, ¥1,000): the one currency formatter. */
export const money = (minor: number, currency: string) => formatAmount(minor, currency);

/** The ledger reference of a renewal's charge: one per service and period (the expiry it extends). */
export const renewalReference = (service: Pick<ServiceRow, "id" | "expiresAt">) => `renewal:${service.id}:${service.expiresAt!.toISOString()}`;

/** True when the period ending at the service's current expiry is already paid for. */
export async function renewedFor(conn: Conn, service: ServiceRow): Promise<boolean> {
  // Both asked at once: pipelined on the connection, one round trip.
  const [[entry], [op]] = await Promise.all([
    conn.select({ id: balanceEntries.id }).from(balanceEntries).where(eq(balanceEntries.reference, renewalReference(service))),
    conn
      .select({ id: operations.id })
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "prolong"), ne(operations.status, "cancelled"), sql`${operations.params}->>'forExpiry' = ${service.expiresAt!.toISOString()}`)),
  ]);
  return Boolean(entry ?? op);
}

export type RenewalOutcome =
  | { kind: "renewed"; price: number; currency: string; months: number; invoiceId: number; operationIds: number[] }
  | { kind: "already" }
  | { kind: "not_sold" }
  | { kind: "currency"; currency: string; clientCurrency: string }
  | { kind: "insufficient"; price: number; balance: number; currency: string; months: number; tariffName: string };

/** The price of renewing for `months`: the unpaid renewal invoice's when one was issued for that period, else the tariff's. */
async function priceFor(tx: Tx, service: ServiceRow, months: number, open: typeof invoices.$inferSelect | null) {
  if (open && open.renewalMonths === months) {
    const [tariff] = await tx.select({ name: tariffs.name }).from(tariffs).where(eq(tariffs.id, service.tariffId));
    return { months, price: open.amount, currency: open.currency, tariffName: tariff?.name ?? "" };
  }
  return renewalQuote(tx, service, months);
}

/**
 * Charges one renewal of a locked, active or suspended service in the caller's transaction, for
 * `months` (by default the period of its unpaid renewal invoice, else its own): the renewal
 * invoice paid (the unpaid one for this period, or a new one; an unpaid one for another period is
 * voided as replaced), the ledger entry (its reference makes a second charge for the same expiry
 * impossible), a `prolong` for those months (the service's period becomes them), and the
 * non-payment reason lifted: a `resume` when no other reason holds the service suspended (an abuse
 * or client-wide suspension stays). Insufficient funds write nothing.
 */
export async function chargeRenewal(tx: Tx, service: ServiceRow, opts: { at: Date; actorUserId: number | null; months?: number }): Promise<RenewalOutcome> {
  // The reads that depend on nothing else go together (pipelined on the transaction's connection).
  const [already, open, [payer]] = await Promise.all([
    renewedFor(tx, service),
    openRenewalInvoice(tx, service.id, service.expiresAt!),
    tx.select({ currency: clients.currency }).from(clients).where(eq(clients.id, service.clientId)),
  ]);
  if (already) return { kind: "already" };
  const months = opts.months ?? open?.renewalMonths ?? service.months;
  const quote = await priceFor(tx, service, months, open);
  if (!quote) return { kind: "not_sold" };
  const { price, currency } = quote;
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
      return { kind: "insufficient", price, balance: client?.balance ?? 0, currency, months, tariffName: quote.tariffName };
    }
    balanceAfter = charged.balance;
  }
  const period = periodWords(months);
  let invoiceId: number;
  if (open && open.renewalMonths === months) {
    await tx.update(invoices).set({ status: "paid", paidAt: opts.at }).where(eq(invoices.id, open.id));
    invoiceId = open.id;
  } else {
    if (open) await replaceRenewalInvoice(tx, open.id, `replaced by a renewal for ${period}`, opts.at);
    const invoice = await issueRenewalInvoice(tx, {
      clientId: service.clientId, serviceId: service.id, expiry: service.expiresAt!, months, price, currency, tariffName: quote.tariffName, at: opts.at, paid: true,
      // The quote's own catalogue price (the tariff's, before tax): not looked up a second time.
      catalogPrice: "catalogPrice" in quote ? quote.catalogPrice : undefined,
    });
    invoiceId = invoice.id;
  }
  // The receipt, the ledger entry, the prolong and the period write different rows: sent together.
  const [, , prolong] = await Promise.all([
    queuePaymentReceiptEmail(tx, invoiceId, opts.at),
    price > 0
      ? tx.insert(balanceEntries).values({
          clientId: service.clientId, kind: "charge", amount: -price, currency, balanceAfter, invoiceId,
          reference: renewalReference(service), note: renewalDescription(service.id, quote.tariffName, months), actorUserId: opts.actorUserId, createdAt: opts.at,
        })
      : null,
    enqueueOperation(tx, { serviceId: service.id, kind: "prolong", params: { months, forExpiry: service.expiresAt!.toISOString() }, runAt: opts.at }),
    months !== service.months ? tx.update(services).set({ months }).where(eq(services.id, service.id)) : null,
  ]);
  if (!prolong.created) throw conflict("A renewal of this service is already in progress");
  const operationIds = [prolong.id];
  const lifted = await liftSuspensions(tx, service, { scope: "service", reasons: ["non_payment"], byUserId: opts.actorUserId, at: opts.at });
  if (lifted.operationId !== null) operationIds.push(lifted.operationId);
  else if (lifted.lifted.length === 0 && service.status === "suspended" && (await suspendedForNotPaying(tx, service.id)) && (await heldSuspensions(tx, service.id)).length === 0) {
    operationIds.push((await enqueueOperation(tx, { serviceId: service.id, kind: "resume", params: { reason: "renewed" }, runAt: opts.at })).id);
  }
  await tx.insert(serviceHistory).values({
    serviceId: service.id, fromStatus: service.status, toStatus: service.status, actorUserId: opts.actorUserId, createdAt: opts.at,
    message: renewedMessage(months, price, currency),
  });
  return { kind: "renewed", price, currency, months, invoiceId, operationIds };
}

/** What the history says of a renewal paid from the balance. */
export const renewedMessage = (months: number, price: number, currency: string) =>
  `Renewed for ${periodWords(months)}, ${money(price, currency)} paid from the balance; being renewed on the panel`;

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
