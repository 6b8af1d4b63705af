import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AppError } from "@/lib/errors";
import { moneyByMonth, taxByRateByMonth } from "@/lib/services/stats/money-report";
import { churnByMonth, overdueInvoices, recurringRevenue } from "@/lib/services/stats/recurring";
import { Card, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("reports.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const rate = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;

/** What was billed, collected, refunded and taxed per month and currency; recurring revenue, churn and overdue invoices; CSV downloads. */
export default async function ReportsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const query = await searchParams;
  const ctx = await adminPageCtx("/admin/reports");
  const input = { from: one(query.from), to: one(query.to) };
  let invalid = false;
  const safe = <T,>(p: Promise<T>, empty: T) => p.catch((e: unknown) => { if (e instanceof AppError && e.code === "validation") { invalid = true; return empty; } throw e; });
  const [money, taxes, mrr, churn, overdue] = await Promise.all([
    safe(moneyByMonth({ ctx, input }), { from: "", to: "", months: [] }),
    safe(taxByRateByMonth({ ctx, input }), []),
    recurringRevenue({ ctx }),
    safe(churnByMonth({ ctx, input }), []),
    overdueInvoices({ ctx }),
  ]);
  return (
    <>
      <PageHeading title={tp("reports.title")} description={tp("reports.description")} />
      <form className="mb-4 flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="flex flex-col">From month<input name="from" type="month" defaultValue={money.from} className="rounded border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col">To month<input name="to" type="month" defaultValue={money.to} className="rounded border border-slate-300 px-2 py-1" /></label>
        <button className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white">Show</button>
        <span className="ml-auto flex gap-3">
          <a className="text-indigo-700 hover:underline" href="/admin/export/invoices">Download invoices (CSV)</a>
          <a className="text-indigo-700 hover:underline" href="/admin/export/payments">Download payments (CSV)</a>
          <a className="text-indigo-700 hover:underline" href="/admin/export/credit-notes">Download credit notes (CSV)</a>
        </span>
      </form>
      {invalid && <p role="alert" className="mb-4 text-sm text-red-700">Give the months as YYYY-MM.</p>}
      <div className="grid gap-4 [&>*]:min-w-0">
        <Card title="Billed, collected, refunded and tax per month">
          <Table head={[th("month"), th("currency"), th("billed"), th("creditNotes"), th("netBilled"), th("tax"), th("collected"), th("refunded")]} caption={th("moneyPerMonthAndCurrency")}>
            {money.months.length === 0 && <EmptyRow colSpan={8}>Nothing was billed or paid in these months.</EmptyRow>}
            {money.months.map((m) => (
              <tr key={`${m.month}-${m.currency}`} data-testid={`report-${m.month}-${m.currency}`}>
                <Td>{m.month}</Td>
                <Td>{m.currency}</Td>
                <Td className="tabular-nums"><Money amount={m.billed} currency={m.currency} /></Td>
                <Td className="tabular-nums"><Money amount={m.credited} currency={m.currency} /></Td>
                <Td className="tabular-nums"><Money amount={m.billed - m.credited} currency={m.currency} /></Td>
                <Td className="tabular-nums"><Money amount={m.tax} currency={m.currency} /></Td>
                <Td className="tabular-nums"><Money amount={m.collected} currency={m.currency} /></Td>
                <Td className="tabular-nums"><Money amount={m.refunded} currency={m.currency} /></Td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="Tax per rate">
          <Table head={[th("month"), th("currency"), th("tax"), th("rate"), th("net"), th("taxBilled")]} caption={th("taxPerRateMonthAndCurrency")}>
            {taxes.length === 0 && <EmptyRow colSpan={6}>No invoice lines in these months.</EmptyRow>}
            {taxes.map((t, i) => (
              <tr key={i}>
                <Td>{t.month}</Td>
                <Td>{t.currency}</Td>
                <Td>{t.taxName ?? "No tax"}</Td>
                <Td className="tabular-nums">{rate(t.rateBp)}</Td>
                <Td className="tabular-nums"><Money amount={t.net} currency={t.currency} /></Td>
                <Td className="tabular-nums"><Money amount={t.tax} currency={t.currency} /></Td>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="grid gap-4 xl:grid-cols-2 [&>*]:min-w-0">
          <Card title="Monthly recurring revenue">
            <Table head={[th("currency"), th("mrr"), th("liveServices")]} caption={th("monthlyRecurringRevenuePerCurrency")}>
              {mrr.length === 0 && <EmptyRow colSpan={3}>No active or suspended services.</EmptyRow>}
              {mrr.map((m) => (
                <tr key={m.currency} data-testid={`mrr-${m.currency}`}>
                  <Td>{m.currency}</Td>
                  <Td className="tabular-nums"><Money amount={m.mrr} currency={m.currency} /></Td>
                  <Td className="tabular-nums">{m.services}</Td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Churn: services closed per month">
            <Table head={[th("month"), th("liveAtTheStart"), th("closed"), th("churn")]} caption={th("churnPerMonth")}>
              {churn.map((c) => (
                <tr key={c.month}>
                  <Td>{c.month}</Td>
                  <Td className="tabular-nums">{c.live}</Td>
                  <Td className="tabular-nums">{c.closed}</Td>
                  <Td className="tabular-nums">{percent(c.churn)}</Td>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <Card title="Overdue invoices">
          <Table head={[th("invoice"), th("client"), th("amount"), th("due"), th("daysOverdue")]} caption={th("unpaidInvoicesPastTheirDueDate")}>
            {overdue.length === 0 && <EmptyRow colSpan={5}>No invoice is overdue.</EmptyRow>}
            {overdue.map((o) => (
              <tr key={o.id}>
                <Td><Link href={`/admin/invoices/${o.id}`} className="font-medium text-indigo-700 hover:underline">{o.number ?? `#${o.id}`}</Link></Td>
                <Td><Link href={`/admin/clients/${o.clientId}`} className="text-indigo-700 hover:underline">{o.clientName}</Link></Td>
                <Td className="tabular-nums"><Money amount={o.amount} currency={o.currency} /></Td>
                <Td><When at={o.dueAt} /></Td>
                <Td className="tabular-nums">{o.daysOverdue}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
