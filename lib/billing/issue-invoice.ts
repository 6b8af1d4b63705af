import { eq } from "drizzle-orm";
import type { Conn, Tx } from "../db";
import { clients, invoiceLines, invoices, type InvoiceBuyer, type InvoiceLineAddon, type InvoiceSeller } from "../db/schema";
import { notFound } from "../errors";
import type { InvoiceKind } from "../vocabulary";
import { issueInvoiceNumber } from "./invoice-number";
import { sellerDetails } from "./seller";
import { taxInvoice, type TaxedInvoice } from "./tax";
import { loadTaxSetup, readTaxSettings, sellerCountryOf, taxBuyerOf } from "./tax-setup";

export type InvoiceLineInput = {
  description: string;
  /** The catalogue price in minor units: with or without tax as the prices-include-tax setting says. */
  price: number;
  months?: number | null;
  /** The service period the line bills. */
  periodStart?: Date | null;
  periodEnd?: Date | null;
  domain?: string | null;
  addons?: InvoiceLineAddon[];
  orderItemId?: number | null;
  serviceId?: number | null;
};

export type IssueInvoiceInput = {
  clientId: number;
  kind: InvoiceKind;
  currency: string;
  description: string;
  at: Date;
  orderId?: number | null;
  serviceId?: number | null;
  /** Issued paid (charged from the balance at once): paid and due at the issue date. */
  paid?: boolean;
  lines: InvoiceLineInput[];
  /** Further invoice columns the caller sets (the renewal period, a due date of its own); never the number. */
  values?: Omit<Partial<typeof invoices.$inferInsert>, "number" | "issuedAt" | "amount" | "subtotal" | "taxAmount">;
};

export type Client = typeof clients.$inferSelect;

async function clientRow(conn: Conn, clientId: number): Promise<Client> {
  const [client] = await conn.select().from(clients).where(eq(clients.id, clientId));
  if (!client) throw notFound("Client not found");
  return client;
}

/** The buyer's legal details as printed on an invoice; the country stays a code (printed as its name). */
export function buyerOf(client: Client): InvoiceBuyer {
  return {
    name: client.name, company: client.company, email: client.email,
    address: [client.address, [client.postcode, client.city].filter(Boolean).join(" "), client.region].filter((l): l is string => Boolean(l?.trim())),
    country: client.country, region: client.region, taxId: client.taxId,
  };
}

export async function sellerOf(conn: Conn): Promise<InvoiceSeller> {
  const { sellerCountry } = await readTaxSettings(conn);
  return { ...sellerDetails(), country: sellerCountryOf(sellerCountry) };
}

/** What an invoice of these catalogue prices would come to for the client (tax included), writing nothing. */
export async function quoteInvoice(conn: Conn, clientId: number, prices: readonly number[]): Promise<TaxedInvoice> {
  const client = await clientRow(conn, clientId);
  return taxInvoice(await loadTaxSetup(conn), taxBuyerOf(client), prices);
}

/**
 * Issues an invoice in the caller's transaction, the one way every invoice is made: the lines
 * taxed once (lib/billing/tax.ts) and stored with their rate and tax, the next gapless number, the
 * issue and due dates, and the buyer's and seller's details as they are now. The invoice's amount
 * is the total to pay, tax included; the caller charges that amount, never its own sum.
 */
export async function issueInvoice(tx: Tx, input: IssueInvoiceInput) {
  const client = await clientRow(tx, input.clientId);
  const taxed = taxInvoice(await loadTaxSetup(tx), taxBuyerOf(client), input.lines.map((l) => l.price));
  const issued = await issueInvoiceNumber(tx, { at: input.at, paid: input.paid });
  const [invoice] = await tx.insert(invoices).values(invoiceRow(input, client, taxed, issued, await sellerOf(tx))).returning();
  const lines = input.lines.length ? await tx.insert(invoiceLines).values(lineRows(invoice!.id, input.lines, taxed)).returning() : [];
  return { invoice: invoice!, lines, taxed };
}

type Issued = Pick<typeof invoices.$inferInsert, "number" | "issuedAt" | "dueAt">;

/** The invoice's row as stored: its totals from `taxed`, its number from `issued`, the parties as they are now. */
export function invoiceRow(input: IssueInvoiceInput, client: Client, taxed: TaxedInvoice, issued: Issued, seller: InvoiceSeller): typeof invoices.$inferInsert {
  return {
    clientId: input.clientId, kind: input.kind, orderId: input.orderId ?? null, serviceId: input.serviceId ?? null,
    amount: taxed.total, subtotal: taxed.subtotal, taxAmount: taxed.taxAmount, pricesIncludeTax: taxed.pricesIncludeTax, taxNote: taxed.note,
    currency: input.currency, description: input.description, createdAt: input.at,
    buyer: buyerOf(client), seller,
    ...(input.paid ? { status: "paid" as const, paidAt: input.at } : {}),
    ...issued,
    ...input.values,
  };
}

/** The invoice's lines as stored, each with its rate and tax from `taxed`. */
export function lineRows(invoiceId: number, lines: InvoiceLineInput[], taxed: TaxedInvoice): (typeof invoiceLines.$inferInsert)[] {
  return lines.map((l, i) => ({
    invoiceId, position: i, description: l.description,
    periodStart: l.periodStart ?? null, periodEnd: l.periodEnd ?? null, months: l.months ?? null, domain: l.domain ?? null,
    addons: l.addons ?? [], orderItemId: l.orderItemId ?? null, serviceId: l.serviceId ?? null,
    ...taxed.lines[i]!,
  }));
}
