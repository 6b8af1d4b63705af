import { and, desc, eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { balanceEntries, invoices, paymentSessions, payments } from "../../db/schema";

export type InvoicePayment = { method: string; reference: string; at: Date | null; amount: number };

const methodWords = { gateway: "Card", stripe: "Card (Stripe)", admin: "Bank transfer" } as const;

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
  if (paid) return { method: methodWords[paid.method], reference: paid.reference, at: paid.createdAt, amount: paid.amount };
  const [charge] = await conn
    .select()
    .from(balanceEntries)
    .where(and(eq(balanceEntries.invoiceId, invoice.id), eq(balanceEntries.kind, "charge")))
    .orderBy(balanceEntries.id)
    .limit(1);
  return { method: "Account balance", reference: charge ? `Ledger entry ${charge.id}` : "-", at: invoice.paidAt, amount: invoice.amount };
}
