import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "../../db/rows";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give a month as YYYY-MM");
export const moneyReportInput = z.object({ from: month.optional(), to: month.optional() });

/** One month in one currency, in minor units. */
export type MoneyMonth = {
  month: string;
  currency: string;
  /** Invoices issued in the month, tax included. */
  billed: number;
  /** Credit notes issued in the month (refunds, voids, plan change credits). */
  credited: number;
  /** Tax on the invoices issued less the tax on the credit notes issued. */
  tax: number;
  /** Invoices paid in the month. */
  collected: number;
  /** Credit notes for money given back (refunds), a part of `credited`. */
  refunded: number;
};

const startOf = (m: string) => new Date(`${m}-01T00:00:00Z`);
const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The months of a report: `from`..`to` (YYYY-MM, UTC), by default the last 12 up to this one. */
export function reportMonths(at: Date, input: { from?: string; to?: string }) {
  const to = input.to ?? monthOf(at);
  const fallback = new Date(Date.UTC(startOf(to).getUTCFullYear(), startOf(to).getUTCMonth() - 11, 1));
  const from = input.from ?? monthOf(fallback);
  return { from, to, start: startOf(from), end: nextMonth(startOf(to)) };
}

/**
 * Billed, credited, tax, collected and refunded per month (UTC) and currency: what an accountant
 * reads. Invoices count in the month of their issue date (collected: of their payment); credit
 * notes in the month they were issued. Amounts in minor units, never mixed across currencies.
 */
export async function moneyByMonth({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ from: string; to: string; months: MoneyMonth[] }> {
  requireAdmin(ctx.actor);
  const { from, to, start, end } = reportMonths(now(ctx), parseInput(moneyReportInput, input ?? {}));
  const [a, b] = [start.toISOString(), end.toISOString()];
  const found = await rows<{ month: string; currency: string; billed: string; invoice_tax: string; collected: string; credited: string; credit_tax: string; refunded: string }>(
    ctx.db,
    sql`with facts as (
          select to_char(issued_at at time zone 'UTC', 'YYYY-MM') as month, currency, amount as billed, tax_amount as invoice_tax,
                 0::bigint as collected, 0::bigint as credited, 0::bigint as credit_tax, 0::bigint as refunded
            from invoices where issued_at >= ${a}::timestamptz and issued_at < ${b}::timestamptz
          union all
          select to_char(paid_at at time zone 'UTC', 'YYYY-MM'), currency, 0, 0, amount, 0, 0, 0
            from invoices where status = 'paid' and paid_at >= ${a}::timestamptz and paid_at < ${b}::timestamptz
          union all
          select to_char(issued_at at time zone 'UTC', 'YYYY-MM'), currency, 0, 0, 0, amount, tax_amount, case when kind = 'refund' then amount else 0 end
            from credit_notes where issued_at >= ${a}::timestamptz and issued_at < ${b}::timestamptz
        )
        select month, currency, sum(billed)::bigint as billed, sum(invoice_tax)::bigint as invoice_tax, sum(collected)::bigint as collected,
               sum(credited)::bigint as credited, sum(credit_tax)::bigint as credit_tax, sum(refunded)::bigint as refunded
          from facts group by month, currency order by month desc, currency`,
  );
  return {
    from,
    to,
    months: found.map((r) => ({
      month: r.month, currency: r.currency, billed: Number(r.billed), credited: Number(r.credited), tax: Number(r.invoice_tax) - Number(r.credit_tax),
      collected: Number(r.collected), refunded: Number(r.refunded),
    })),
  };
}

/** The tax billed per rate, month and currency, from the issued invoices' lines (credit notes count in moneyByMonth's tax). */
export async function taxByRateByMonth({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const { start, end } = reportMonths(now(ctx), parseInput(moneyReportInput, input ?? {}));
  const found = await rows<{ month: string; currency: string; tax_name: string | null; rate_bp: number; net: string; tax: string }>(
    ctx.db,
    sql`select to_char(i.issued_at at time zone 'UTC', 'YYYY-MM') as month, i.currency, l.tax_name, l.tax_rate_bp as rate_bp,
               sum(l.net)::bigint as net, sum(l.tax_amount)::bigint as tax
          from invoice_lines l join invoices i on i.id = l.invoice_id
         where i.issued_at >= ${start.toISOString()}::timestamptz and i.issued_at < ${end.toISOString()}::timestamptz
         group by 1, 2, 3, 4 order by 1 desc, 2, 4 desc`,
  );
  return found.map((r) => ({ month: r.month, currency: r.currency, taxName: r.tax_name, rateBp: Number(r.rate_bp), net: Number(r.net), tax: Number(r.tax) }));
}
