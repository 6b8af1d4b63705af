import { and, gte, lt, ne, sql } from "drizzle-orm";
import type { Conn } from "../db";
import { invoiceLines, invoices } from "../db/schema";
import type { TaxCategory } from "../vocabulary";

export type TaxReportRow = { currency: string; taxCategory: TaxCategory; taxName: string | null; taxRateBp: number; net: number; taxAmount: number; invoices: number };

/**
 * Tax per rate for invoices issued in [from, to): the stored lines of issued, not voided invoices
 * summed per currency, tax category, tax name and rate (never recomputed from today's rates).
 * Credit notes are not subtracted here: a report that nets them does so from their own table.
 */
export async function taxReport(conn: Conn, period: { from: Date; to: Date }): Promise<TaxReportRow[]> {
  const rows = await conn
    .select({
      currency: invoices.currency,
      taxCategory: invoiceLines.taxCategory,
      taxName: invoiceLines.taxName,
      taxRateBp: invoiceLines.taxRateBp,
      net: sql<string>`sum(${invoiceLines.net})`,
      taxAmount: sql<string>`sum(${invoiceLines.taxAmount})`,
      invoices: sql<string>`count(distinct ${invoices.id})`,
    })
    .from(invoiceLines)
    .innerJoin(invoices, sql`${invoices.id} = ${invoiceLines.invoiceId}`)
    .where(and(gte(invoices.issuedAt, period.from), lt(invoices.issuedAt, period.to), ne(invoices.status, "cancelled")))
    .groupBy(invoices.currency, invoiceLines.taxCategory, invoiceLines.taxName, invoiceLines.taxRateBp)
    .orderBy(invoices.currency, sql`${invoiceLines.taxRateBp} desc`, invoiceLines.taxCategory);
  return rows.map((r) => ({ ...r, net: Number(r.net), taxAmount: Number(r.taxAmount), invoices: Number(r.invoices) }));
}
