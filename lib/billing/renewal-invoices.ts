import { and, eq, sql } from "drizzle-orm";
import type { Conn, Tx } from "../db";
import { invoices } from "../db/schema";
import { issueInvoiceNumber } from "./invoice-number";

/** Stripe's smallest card charge is 0.50 in the major currencies: a smaller difference is rounded up to it, the rest stays on the balance. */
export const MIN_CARD_PAYMENT = 50;

/** What a card pays towards a renewal invoice: the part the balance does not cover, at least the card minimum. */
export const cardTopUpFor = (price: number, balance: number) => Math.max(price - Math.max(balance, 0), MIN_CARD_PAYMENT);

export const periodWords = (months: number) => `${months} month${months === 1 ? "" : "s"}`;

export const renewalDescription = (serviceId: number, tariffName: string, months: number) =>
  `Renewal of service #${serviceId} (${tariffName}, ${periodWords(months)})`;

/** When a renewal invoice is due: at the end of the paid period it renews, or at once when that has passed. */
export const renewalDueAt = (expiry: Date, at: Date) => (expiry > at ? expiry : at);

type Renewal = { clientId: number; serviceId: number; expiry: Date; months: number; price: number; currency: string; tariffName: string };

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
 * Issues a renewal invoice in the caller's transaction: paid (charged from the balance at once) or
 * unpaid with its due date. It names the period it renews (`renewalFor`, the expiry it extends,
 * and `renewalMonths`); a unique index keeps one live invoice per service and period.
 */
export async function issueRenewalInvoice(tx: Tx, r: Renewal & { at: Date; paid: boolean }) {
  const issued = await issueInvoiceNumber(tx, { at: r.at, paid: r.paid });
  const [invoice] = await tx
    .insert(invoices)
    .values({
      clientId: r.clientId, kind: "renewal", serviceId: r.serviceId, amount: r.price, currency: r.currency,
      status: r.paid ? "paid" : "unpaid", description: renewalDescription(r.serviceId, r.tariffName, r.months),
      createdAt: r.at, paidAt: r.paid ? r.at : null, ...issued, dueAt: r.paid ? r.at : renewalDueAt(r.expiry, r.at),
      renewalFor: r.expiry, renewalMonths: r.months,
    })
    .returning();
  return invoice!;
}

/** Voids an unpaid renewal invoice that another one replaces (a renewal for another period). */
export async function replaceRenewalInvoice(tx: Tx, invoiceId: number, why: string) {
  await tx
    .update(invoices)
    .set({ status: "cancelled", description: sql`${invoices.description} || ${` (${why})`}` })
    .where(and(eq(invoices.id, invoiceId), eq(invoices.status, "unpaid")));
}

/** Voids the unpaid renewal invoices of closed services: nothing is left to renew. Returns how many. */
export async function voidRenewalsOfClosed(conn: Conn): Promise<number> {
  const rows = await conn
    .update(invoices)
    .set({ status: "cancelled", description: sql`${invoices.description} || ' (service closed)'` })
    .where(and(eq(invoices.kind, "renewal"), eq(invoices.status, "unpaid"), sql`${invoices.serviceId} in (select id from services where status = 'closed')`))
    .returning({ id: invoices.id });
  return rows.length;
}
