import { and, desc, eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { balanceEntries, invoices, paymentSessions, payments } from "../../db/schema";
import type { PaymentMethod } from "../../vocabulary";

/**
 * How an invoice was paid, as codes the reader's language words: a payment's method and its
 * reference, or "balance" with the ledger entry that charged it (null when none is found).
 */
export type InvoicePayment =
  | { method: PaymentMethod; reference: string; ledgerEntryId: null; at: Date | null; amount: number }
  | { method: "balance"; reference: null; ledgerEntryId: number | null; at: Date | null; amount: number };

/**
 * How a paid invoice was paid, as printed on it: the card payment made for it, the transfer an
 * admin recorded for it, or the account balance (the ledger entry that charged it); null when unpaid.
 */
export async function invoicePayment(conn: Conn, invoice: typeof invoices.$inferSelect): Promise<InvoicePayment | null> {
  if (invoice.status !== "paid") return null;
  const [card] = await conn
    .select({ payment: payments })
    .from(paymentSessions)
    .innerJoin(payments, eq(payments.id, paymentSessions.paymentId))
    .where(and(eq(paymentSessions.invoiceId, invoice.id), eq(paymentSessions.status, "paid")))
    .orderBy(desc(paymentSessions.id))
    .limit(1);
  const [admin] = card ? [] : await conn.select().from(payments).where(eq(payments.reference, `admin:invoice:${invoice.id}`));
  const paid = card?.payment ?? admin;
  if (paid) return { method: paid.method, reference: paid.reference, ledgerEntryId: null, at: paid.createdAt, amount: paid.amount };
  const [charge] = await conn
    .select()
    .from(balanceEntries)
    .where(and(eq(balanceEntries.invoiceId, invoice.id), eq(balanceEntries.kind, "charge")))
    .orderBy(balanceEntries.id)
    .limit(1);
  return { method: "balance", reference: null, ledgerEntryId: charge?.id ?? null, at: invoice.paidAt, amount: invoice.amount };
}
