import { eq } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, creditNotes, invoices, orders } from "../db/schema";
import { appLink } from "../auth/app-url";
import { invoiceName } from "../billing/invoice-format";
import { formatAmount } from "../billing/ledger";
import { enqueueEmail } from "./enqueue";
import type { TemplateEmail } from "./templates";

type Invoice = typeof invoices.$inferSelect;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
const invoiceUrl = (id: number) => appLink(`/account/invoices/${id}`);

/**
 * The emails of money events, each queued once in the caller's transaction (the dedupe key names
 * the event): an order placed, an invoice issued (PDF attached), an invoice paid, a reminder before
 * or after the due date (PDF attached), a credit note issued (PDF attached).
 */
async function queue(conn: Conn, invoice: Pick<Invoice, "clientId">, dedupeKey: string, at: Date, build: (client: { name: string }) => TemplateEmail) {
  const [client] = await conn.select({ name: clients.name, email: clients.email }).from(clients).where(eq(clients.id, invoice.clientId));
  if (!client) return null;
  return enqueueEmail(conn, { dedupeKey, to: client.email, clientId: invoice.clientId, runAt: at, ...build(client) });
}

/** The invoice's summary as one line (its PDF has every line, with tax). */
const summary = (invoice: Invoice) => [{ description: invoice.description || `Invoice ${invoiceName(invoice)}`, amount: formatAmount(invoice.amount, invoice.currency) }];

/** An invoice was issued: unpaid with its due date, or issued paid (a renewal from the balance). */
export async function queueInvoiceIssuedEmail(conn: Conn, invoiceId: number, at: Date) {
  const [invoice] = await conn.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice?.number) return null;
  const lines = summary(invoice);
  return queue(conn, invoice, `invoice-issued:${invoice.id}`, at, (c) => ({
    template: "invoice-issued",
    props: {
      name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), issued: day(invoice.issuedAt), paid: invoice.status === "paid",
      ...(invoice.status === "paid" || !invoice.dueAt ? {} : { due: day(invoice.dueAt) }), lines, total: formatAmount(invoice.amount, invoice.currency), url: invoiceUrl(invoice.id),
    },
  }));
}

/** An order was placed: what was ordered and the invoice that is for it. */
export async function queueOrderConfirmationEmail(conn: Conn, orderId: number, at: Date) {
  const [row] = await conn.select({ invoice: invoices, order: orders }).from(orders).innerJoin(invoices, eq(invoices.orderId, orders.id)).where(eq(orders.id, orderId));
  if (!row) return null;
  const { invoice } = row;
  const lines = summary(invoice);
  return queue(conn, invoice, `order-confirmation:${orderId}`, at, (c) => ({
    template: "order-confirmation",
    props: {
      name: c.name, orderId, invoiceNumber: invoiceName(invoice), lines, total: formatAmount(invoice.amount, invoice.currency),
      ...(invoice.dueAt && invoice.status === "unpaid" ? { due: day(invoice.dueAt) } : {}), url: invoiceUrl(invoice.id),
    },
  }));
}

/** An invoice was paid: the receipt. */
export async function queuePaymentReceiptEmail(conn: Conn, invoiceId: number, at: Date) {
  const [invoice] = await conn.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice || invoice.status !== "paid") return null;
  return queue(conn, invoice, `payment-receipt:${invoice.id}`, at, (c) => ({
    template: "payment-receipt",
    props: { name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), amount: formatAmount(invoice.amount, invoice.currency), paid: day(invoice.paidAt ?? at), url: invoiceUrl(invoice.id) },
  }));
}

/** A reminder of an unpaid invoice before or after its due date: once each per invoice. */
export async function queueInvoiceReminderEmail(conn: Conn, invoice: Invoice, when: "before" | "after", at: Date) {
  return queue(conn, invoice, `invoice-reminder:${invoice.id}:${when}`, at, (c) => ({
    template: "invoice-reminder",
    props: { name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), total: formatAmount(invoice.amount, invoice.currency), due: day(invoice.dueAt), when, url: invoiceUrl(invoice.id) },
  }));
}

/** A credit note was issued. */
export async function queueCreditNoteEmail(conn: Conn, creditNoteId: number, at: Date) {
  const [row] = await conn.select({ note: creditNotes, invoice: invoices }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(creditNotes.id, creditNoteId));
  if (!row) return null;
  const { note, invoice } = row;
  return queue(conn, note, `credit-note:${note.id}`, at, (c) => ({
    template: "credit-note",
    props: {
      name: c.name, creditNoteId: note.id, number: note.number, invoiceNumber: invoiceName(invoice), amount: formatAmount(note.amount, note.currency),
      reason: note.reason, issued: day(note.issuedAt), url: invoiceUrl(invoice.id),
    },
  }));
}
