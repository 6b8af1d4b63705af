import { and, eq, sql } from "drizzle-orm";
import type { Conn, Tx } from "../db";
import { invoices, services } from "../db/schema";
import { addMonths } from "../dates";
import { issueInvoice, type IssueInvoiceInput } from "./issue-invoice";
import { renewalPrices, type RenewalDiscount } from "./coupon-renewal";
import { renewalQuote } from "../services/services/renewal-quote";
import { creditWholeInvoice } from "./credit-note";
import { queueInvoiceIssuedEmail } from "../email/money-emails";

/** Stripe's smallest card charge is 0.50 in the major currencies: a smaller difference is rounded up to it, the rest stays on the balance. */
export const MIN_CARD_PAYMENT = 50;

/** What a card pays towards a renewal invoice: the part the balance does not cover, at least the card minimum. */
export const cardTopUpFor = (price: number, balance: number) => Math.max(price - Math.max(balance, 0), MIN_CARD_PAYMENT);

export const periodWords = (months: number) => `${months} month${months === 1 ? "" : "s"}`;

export const renewalDescription = (serviceId: number, tariffName: string, months: number) =>
  `Renewal of service #${serviceId} (${tariffName}, ${periodWords(months)})`;

/** When a renewal invoice is due: at the end of the paid period it renews, or at once when that has passed. */
export const renewalDueAt = (expiry: Date, at: Date) => (expiry > at ? expiry : at);

/** `price` is what the client pays, tax included (renewalQuote's); `catalogPrice` the tariff's price it is taxed from (looked up when left out). */
type Renewal = { clientId: number; serviceId: number; expiry: Date; months: number; price: number; catalogPrice?: number; currency: string; tariffName: string };

/** What a renewal invoice is issued with: one line for the period it renews, the recurring coupon's line after it. */
export function renewalInvoiceInput(r: Renewal & { at: Date; paid: boolean; catalogPrice: number }, discount: RenewalDiscount | null): IssueInvoiceInput {
  return {
    clientId: r.clientId, kind: "renewal", serviceId: r.serviceId, currency: r.currency, at: r.at, paid: r.paid,
    description: renewalDescription(r.serviceId, r.tariffName, r.months),
    lines: [{
      description: `${r.tariffName}: renewal of service #${r.serviceId}`, price: r.catalogPrice, months: r.months,
      periodStart: r.expiry, periodEnd: addMonths(r.expiry, r.months), serviceId: r.serviceId,
    }, ...(discount ? [{ description: discount.description, price: -discount.amount, serviceId: r.serviceId }] : [])],
    values: { dueAt: r.paid ? r.at : renewalDueAt(r.expiry, r.at), renewalFor: r.expiry, renewalMonths: r.months },
  };
}

/** The unpaid renewal invoice for the period that ends at `expiry`, locked; none when there is none. */
export async function openRenewalInvoice(tx: Tx, serviceId: number, expiry: Date) {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal"), eq(invoices.status, "unpaid"), eq(invoices.renewalFor, expiry)))
    .for("update");
  return row ?? null;
}

/** True when any renewal invoice (paid, unpaid or voided) was issued for the period that ends at `expiry`. */
export async function renewalInvoiced(conn: Conn, serviceId: number, expiry: Date): Promise<boolean> {
  const [row] = await conn
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal"), eq(invoices.renewalFor, expiry)))
    .limit(1);
  return Boolean(row);
}

/**
 * Issues a renewal invoice in the caller's transaction, through issueInvoice (taxed once, one line
 * for the period it renews): paid (charged from the balance at once) or unpaid with its due date. It
 * names the period it renews (`renewalFor`, the expiry it extends, and `renewalMonths`); a unique
 * index keeps one live invoice per service and period. Its total must be the price the caller
 * charges or shows: a difference (a rate changed within the transaction) refuses the renewal.
 */
export async function issueRenewalInvoice(tx: Tx, r: Renewal & { at: Date; paid: boolean }) {
  const catalogPrice = r.catalogPrice ?? (await catalogPriceOf(tx, r.serviceId, r.months)) ?? r.price;
  const { discount } = await renewalPrices(tx, r.serviceId, r.months, catalogPrice, r.currency);
  const { invoice } = await issueInvoice(tx, renewalInvoiceInput({ ...r, catalogPrice }, discount));
  if (invoice.amount !== r.price) throw new Error(`Renewal invoice of service ${r.serviceId} totals ${invoice.amount}, not the ${r.price} charged`);
  await queueInvoiceIssuedEmail(tx, invoice.id, r.at);
  return invoice;
}

async function catalogPriceOf(tx: Tx, serviceId: number, months: number): Promise<number | null> {
  const [service] = await tx.select().from(services).where(eq(services.id, serviceId));
  return service ? ((await renewalQuote(tx, service, months))?.catalogPrice ?? null) : null;
}

/** Voids an unpaid renewal invoice that another one replaces (a renewal for another period). */
export async function replaceRenewalInvoice(tx: Tx, invoiceId: number, why: string, at = new Date()) {
  const [voided] = await tx
    .update(invoices)
    .set({ status: "cancelled", description: sql`${invoices.description} || ${` (${why})`}` })
    .where(and(eq(invoices.id, invoiceId), eq(invoices.status, "unpaid")))
    .returning();
  if (voided) await creditWholeInvoice(tx, voided, `Invoice voided: ${why}`, at);
}

/** Voids the unpaid renewal invoices of closed services: nothing is left to renew; a credit note takes each back. Returns how many. */
export async function voidRenewalsOfClosed(conn: Conn, at = new Date()): Promise<number> {
  return conn.transaction(async (tx) => {
    const rows = await tx
      .update(invoices)
      .set({ status: "cancelled", description: sql`${invoices.description} || ' (service closed)'` })
      .where(and(eq(invoices.kind, "renewal"), eq(invoices.status, "unpaid"), sql`${invoices.serviceId} in (select id from services where status = 'closed')`))
      .returning();
    for (const row of rows) await creditWholeInvoice(tx, row, "Invoice voided: service closed", at);
    return rows.length;
  });
}
