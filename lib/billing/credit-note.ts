import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { creditNotes, invoices, orderItems, services } from "../db/schema";
import { readSettings } from "../settings";
import type { CreditNoteKind } from "../vocabulary";
import { formatInvoiceNumber } from "./invoice-format";
import { sellerKey, takeNumber } from "./invoice-number";
import { queueCreditNoteEmail } from "../email/money-emails";

/** Credit notes are counted in a series of their own, beside the seller's invoices. */
export const creditNoteSeries = `${sellerKey}:credit-notes`;

type Invoice = Pick<typeof invoices.$inferSelect, "id" | "clientId" | "amount" | "currency"> & { taxAmount?: number | null };

/**
 * Issues one numbered credit note against an invoice inside the caller's transaction: the next
 * number of the credit note series (gapless, like invoice numbers), the invoice's tax in proportion,
 * and its email to the client (with the PDF), queued in the same transaction.
 */
export async function issueCreditNote(
  tx: Tx,
  c: { invoice: Invoice; amount: number; kind: CreditNoteKind; reason: string; at: Date; serviceId?: number | null; balanceEntryId?: number | null },
) {
  if (c.amount <= 0) return null;
  const { creditNoteNumberFormat } = await readSettings(tx);
  const year = c.at.getUTCFullYear();
  const number = formatInvoiceNumber(creditNoteNumberFormat, year, await takeNumber(tx, creditNoteSeries, year));
  // The tax in proportion to what was credited so far, so the credit notes of a whole invoice add up to its tax exactly.
  const taxOf = (credited: number) => (c.invoice.taxAmount && c.invoice.amount > 0 ? Math.round((credited * c.invoice.taxAmount) / c.invoice.amount) : 0);
  const before = await creditedOn(tx, c.invoice.id);
  const tax = taxOf(before + c.amount) - taxOf(before);
  const [note] = await tx
    .insert(creditNotes)
    .values({
      clientId: c.invoice.clientId, invoiceId: c.invoice.id, serviceId: c.serviceId ?? null, kind: c.kind, number, issuedAt: c.at,
      amount: c.amount, currency: c.invoice.currency, taxAmount: tax, reason: c.reason, balanceEntryId: c.balanceEntryId ?? null, createdAt: c.at,
    })
    .returning();
  await queueCreditNoteEmail(tx, note!.id, c.at);
  return note!;
}

/** A whole invoice taken back (voided, or its order cancelled or expired unpaid): one credit note for all of it. */
export async function creditWholeInvoice(tx: Tx, invoice: Invoice & { number: string | null }, reason: string, at: Date) {
  if (!invoice.number) return null;
  return issueCreditNote(tx, { invoice, amount: invoice.amount - (await creditedOn(tx, invoice.id)), kind: "void", reason, at });
}

/**
 * Money given back or credited for a service, as credit notes on the invoices that paid for it,
 * newest first: each invoice takes what is left of the service's share of it (a renewal's whole
 * amount, an order invoice's item price) after the credit notes already on it; a refund larger than
 * the last invoice goes on the older ones too.
 */
export async function creditServiceInvoices(
  tx: Tx,
  c: { serviceId: number; amount: number; kind: CreditNoteKind; reason: string; at: Date; balanceEntryId: number | null },
) {
  const issued = [];
  let left = c.amount;
  for (const share of await paidInvoices(tx, c.serviceId)) {
    if (left <= 0) break;
    const room = share.share - (await creditedOn(tx, share.invoice.id, c.serviceId));
    const amount = Math.min(room, left);
    if (amount <= 0) continue;
    const note = await issueCreditNote(tx, { invoice: share.invoice, amount, kind: c.kind, reason: c.reason, at: c.at, serviceId: c.serviceId, balanceEntryId: c.balanceEntryId });
    if (note) issued.push(note);
    left -= amount;
  }
  return issued;
}

/** The issued, paid invoices of a service with its share of each, newest first. */
async function paidInvoices(tx: Tx, serviceId: number) {
  const renewals = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal"), eq(invoices.status, "paid")))
    .orderBy(desc(invoices.id));
  const [order] = await tx
    .select({ invoice: invoices, price: orderItems.price })
    .from(services)
    .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .innerJoin(invoices, and(eq(invoices.orderId, orderItems.orderId), eq(invoices.status, "paid")))
    .where(eq(services.id, serviceId));
  const shares = renewals.map((invoice) => ({ invoice, share: invoice.amount }));
  if (order) shares.push({ invoice: order.invoice, share: Math.min(order.price, order.invoice.amount) });
  return shares.filter((s) => s.invoice.number !== null);
}

/** What credit notes took back from an invoice so far (for one service's share, when given). */
export async function creditedOn(tx: Tx, invoiceId: number, serviceId?: number): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${creditNotes.amount}), 0)` })
    .from(creditNotes)
    .where(and(eq(creditNotes.invoiceId, invoiceId), serviceId === undefined ? undefined : eq(creditNotes.serviceId, serviceId)));
  return Number(row?.total ?? 0);
}
