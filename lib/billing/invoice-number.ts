import { sql } from "drizzle-orm";
import type { Tx } from "../db";
import { invoiceCounters } from "../db/schema";
import { readSettings } from "../settings";
import { formatInvoiceNumber } from "./invoice-format";

/** One seller today (the INVOICE_SELLER_* details); its numbers are counted under this key. */
export const sellerKey = "default";

const DAY_MS = 86_400_000;

/**
 * The number, issue date and due date of an invoice issued now, inside the transaction that inserts it.
 * The counter row of the seller and year is incremented in place and stays locked until that
 * transaction ends: concurrent issues wait in turn, and a rollback takes the number back with it.
 * A sequence would be faster but loses numbers on rollback, which leaves gaps a tax office refuses.
 */
export async function issueInvoiceNumber(tx: Tx, opts: { at: Date; paid?: boolean }) {
  const { invoiceNumberFormat, invoiceDueDays } = await readSettings(tx);
  return numbered(invoiceNumberFormat, invoiceDueDays, await takeNumber(tx, sellerKey, opts.at.getUTCFullYear()), opts);
}

/**
 * The next counter of a numbered series for a year, taken inside the caller's transaction: the
 * counter row is incremented in place and stays locked until that transaction ends, so numbers are
 * gapless. Invoices count under the seller's key; credit notes under their own (creditNoteSeries).
 */
export async function takeNumber(tx: Tx, series: string, year: number): Promise<number> {
  return takeNumbers(tx, series, year, 1);
}

/** `count` consecutive counters of a series taken at once (a renewal batch's invoices): returns the first. */
export async function takeNumbers(tx: Tx, series: string, year: number, count: number): Promise<number> {
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ seller: series, year, last: count })
    .onConflictDoUpdate({ target: [invoiceCounters.seller, invoiceCounters.year], set: { last: sql`${invoiceCounters.last} + ${count}` } })
    .returning({ last: invoiceCounters.last });
  return row!.last - count + 1;
}

/** The number, issue date and due date of the invoice issued with the counter `n` of its year. */
export function numbered(format: string, dueDays: number, n: number, opts: { at: Date; paid?: boolean }) {
  return {
    number: formatInvoiceNumber(format, opts.at.getUTCFullYear(), n),
    issuedAt: opts.at,
    dueAt: opts.paid ? opts.at : new Date(opts.at.getTime() + dueDays * DAY_MS),
  };
}
