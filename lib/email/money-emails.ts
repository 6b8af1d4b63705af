import { eq } from "drizzle-orm";
import type { Conn } from "../db";
import { clients, creditNotes, invoices, orders } from "../db/schema";
import { appLink } from "../auth/app-url";
import { invoiceName } from "../billing/invoice-format";
import { formatDateIn, formatMoneyIn } from "../i18n/format";
import { localeOr, translatorFor } from "../i18n/translator";
import { enqueueEmail, type EnqueueEmailInput } from "./enqueue";
import type { TemplateEmail } from "./templates";

type Invoice = typeof invoices.$inferSelect;

/** Money and days as the client's language writes them. */
type Words = { money: (amount: number, currency: string) => string; day: (d: Date | null) => string; invoice: string };
const invoiceUrl = (id: number) => appLink(`/account/invoices/${id}`);

/**
 * The emails of money events, each queued once in the caller's transaction (the dedupe key names
 * the event): an order placed, an invoice issued (PDF attached), an invoice paid, a reminder before
 * or after the due date (PDF attached), a credit note issued (PDF attached).
 */
async function queue(conn: Conn, invoice: Pick<Invoice, "clientId">, dedupeKey: string, at: Date, build: Build) {
  const [client] = await conn.select({ name: clients.name, email: clients.email, locale: clients.locale }).from(clients).where(eq(clients.id, invoice.clientId));
  if (!client) return null;
  return enqueueEmail(conn, moneyMail(client, invoice.clientId, dedupeKey, at, build));
}

type Build = (client: { name: string }, w: Words) => TemplateEmail;
/** Who a money email goes to: the client's name, address and language. */
export type Recipient = { name: string; email: string; locale: string | null };

/** A money email as queued, in the client's language, without reading anything. */
function moneyMail(client: Recipient, clientId: number, dedupeKey: string, at: Date, build: Build): EnqueueEmailInput {
  const locale = localeOr(client.locale);
  const w: Words = { money: (amount, currency) => formatMoneyIn(locale, amount, currency), day: (d) => (d ? formatDateIn(locale, d) : ""), invoice: translatorFor(locale)("emails.labels.invoice") };
  return { dedupeKey, to: client.email, clientId, runAt: at, locale: client.locale ? locale : null, ...build(client, w) };
}

/** The invoice's summary as one line (its PDF has every line, with tax). */
const summary = (invoice: Invoice, w: Words) => [{ description: invoice.description || `${w.invoice} ${invoiceName(invoice)}`, amount: w.money(invoice.amount, invoice.currency) }];

/** An invoice was issued: unpaid with its due date, or issued paid (a renewal from the balance). */
export async function queueInvoiceIssuedEmail(conn: Conn, invoiceId: number, at: Date) {
  const [invoice] = await conn.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice?.number) return null;
  return queue(conn, invoice, `invoice-issued:${invoice.id}`, at, issuedBuild(invoice));
}

/** The "invoice issued" email of an invoice for this client, built without reading anything. */
export const invoiceIssuedMail = (invoice: Invoice, client: Recipient, at: Date) => moneyMail(client, invoice.clientId, `invoice-issued:${invoice.id}`, at, issuedBuild(invoice));

const issuedBuild = (invoice: Invoice): Build => (c, w) => ({
  template: "invoice-issued",
  props: {
    name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), issued: w.day(invoice.issuedAt), paid: invoice.status === "paid",
    ...(invoice.status === "paid" || !invoice.dueAt ? {} : { due: w.day(invoice.dueAt) }), lines: summary(invoice, w), total: w.money(invoice.amount, invoice.currency), url: invoiceUrl(invoice.id),
  },
});

/** An order was placed: what was ordered and the invoice that is for it. */
export async function queueOrderConfirmationEmail(conn: Conn, orderId: number, at: Date) {
  const [row] = await conn.select({ invoice: invoices, order: orders }).from(orders).innerJoin(invoices, eq(invoices.orderId, orders.id)).where(eq(orders.id, orderId));
  if (!row) return null;
  return queue(conn, row.invoice, `order-confirmation:${orderId}`, at, confirmationBuild(orderId, row.invoice));
}

/** The confirmation of an order with its invoice, for this client, built without reading anything. */
export const orderConfirmationMail = (orderId: number, invoice: Invoice, client: Recipient, at: Date) =>
  moneyMail(client, invoice.clientId, `order-confirmation:${orderId}`, at, confirmationBuild(orderId, invoice));

const confirmationBuild = (orderId: number, invoice: Invoice): Build => (c, w) => ({
  template: "order-confirmation",
  props: {
    name: c.name, orderId, invoiceNumber: invoiceName(invoice), lines: summary(invoice, w), total: w.money(invoice.amount, invoice.currency),
    ...(invoice.dueAt && invoice.status === "unpaid" ? { due: w.day(invoice.dueAt) } : {}), url: invoiceUrl(invoice.id),
  },
});

/** An invoice was paid: the receipt. */
export async function queuePaymentReceiptEmail(conn: Conn, invoiceId: number, at: Date) {
  const [invoice] = await conn.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice || invoice.status !== "paid") return null;
  return queue(conn, invoice, `payment-receipt:${invoice.id}`, at, receiptBuild(invoice, at));
}

/** The receipt of a paid invoice for this client, built without reading anything. */
export const paymentReceiptMail = (invoice: Invoice, client: Recipient, at: Date) => moneyMail(client, invoice.clientId, `payment-receipt:${invoice.id}`, at, receiptBuild(invoice, at));

const receiptBuild = (invoice: Invoice, at: Date): Build => (c, w) => ({
  template: "payment-receipt",
  props: { name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), amount: w.money(invoice.amount, invoice.currency), paid: w.day(invoice.paidAt ?? at), url: invoiceUrl(invoice.id) },
});

/** A reminder of an unpaid invoice before or after its due date: once each per invoice. */
export async function queueInvoiceReminderEmail(conn: Conn, invoice: Invoice, when: "before" | "after", at: Date) {
  return queue(conn, invoice, `invoice-reminder:${invoice.id}:${when}`, at, (c, w) => ({
    template: "invoice-reminder",
    props: { name: c.name, invoiceId: invoice.id, number: invoiceName(invoice), total: w.money(invoice.amount, invoice.currency), due: w.day(invoice.dueAt), when, url: invoiceUrl(invoice.id) },
  }));
}

/** A credit note was issued. */
export async function queueCreditNoteEmail(conn: Conn, creditNoteId: number, at: Date) {
  const [row] = await conn.select({ note: creditNotes, invoice: invoices }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(creditNotes.id, creditNoteId));
  if (!row) return null;
  const { note, invoice } = row;
  return queue(conn, note, `credit-note:${note.id}`, at, (c, w) => ({
    template: "credit-note",
    props: {
      name: c.name, creditNoteId: note.id, number: note.number, invoiceNumber: invoiceName(invoice), amount: w.money(note.amount, note.currency),
      reason: note.reason, issued: w.day(note.issuedAt), url: invoiceUrl(invoice.id),
    },
  }));
}
