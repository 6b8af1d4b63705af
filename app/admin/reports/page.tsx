import { getFormatter, getTranslations } from "next-intl/server";
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

/** What was billed, collected, refunded and taxed per month and currency; recurring revenue, churn and overdue invoices; CSV downloads. */
export default async function ReportsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminReports");
  const format = await getFormatter();
  const percent = (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  /** "2026-12" as the reader's language names the month ("December 2026", "декабрь 2026 г."). */
  const month = (ym: string) => format.dateTime(new Date(`${ym}-01T00:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" });
  const rate = (bp: number) => format.number(bp / 10000, { style: "percent", maximumFractionDigits: 2 });
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
        <label className="flex flex-col">{t("from")}<input name="from" type="month" defaultValue={money.from} className="rounded border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col">{t("to")}<input name="to" type="month" defaultValue={money.to} className="rounded border border-slate-300 px-2 py-1" /></label>
        <button className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white">{t("show")}</button>
        <span className="ml-auto flex gap-3">
          <a className="text-indigo-700 hover:underline" href="/admin/export/invoices">{t("csvInvoices")}</a>
          <a className="text-indigo-700 hover:underline" href="/admin/export/payments">{t("csvPayments")}</a>
          <a className="text-indigo-700 hover:underline" href="/admin/export/credit-notes">{t("csvCreditNotes")}</a>
        </span>
      </form>
      {invalid && <p role="alert" className="mb-4 text-sm text-red-700">{t("badMonths")}</p>}
      <div className="grid gap-4 [&>*]:min-w-0">
        <Card title={t("money")}>
          <Table head={[th("month"), th("currency"), th("billed"), th("creditNotes"), th("netBilled"), th("tax"), th("collected"), th("refunded")]} caption={th("moneyPerMonthAndCurrency")}>
            {money.months.length === 0 && <EmptyRow colSpan={8}>{t("noMoney")}</EmptyRow>}
            {money.months.map((m) => (
              <tr key={`${m.month}-${m.currency}`} data-testid={`report-${m.month}-${m.currency}`}>
                <Td>{month(m.month)}</Td>
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
        <Card title={t("taxPerRate")}>
          <Table head={[th("month"), th("currency"), th("tax"), th("rate"), th("net"), th("taxBilled")]} caption={th("taxPerRateMonthAndCurrency")}>
            {taxes.length === 0 && <EmptyRow colSpan={6}>{t("noLines")}</EmptyRow>}
            {taxes.map((x, i) => (
              <tr key={i}>
                <Td>{month(x.month)}</Td>
                <Td>{x.currency}</Td>
                <Td>{x.taxName ?? t("noTax")}</Td>
                <Td className="tabular-nums">{rate(x.rateBp)}</Td>
                <Td className="tabular-nums"><Money amount={x.net} currency={x.currency} /></Td>
                <Td className="tabular-nums"><Money amount={x.tax} currency={x.currency} /></Td>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="grid gap-4 xl:grid-cols-2 [&>*]:min-w-0">
          <Card title={t("mrr")}>
            <Table head={[th("currency"), th("mrr"), th("liveServices")]} caption={th("monthlyRecurringRevenuePerCurrency")}>
              {mrr.length === 0 && <EmptyRow colSpan={3}>{t("noMrr")}</EmptyRow>}
              {mrr.map((m) => (
                <tr key={m.currency} data-testid={`mrr-${m.currency}`}>
                  <Td>{m.currency}</Td>
                  <Td className="tabular-nums"><Money amount={m.mrr} currency={m.currency} /></Td>
                  <Td className="tabular-nums">{m.services}</Td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title={t("churn")}>
            <Table head={[th("month"), th("liveAtTheStart"), th("closed"), th("churn")]} caption={th("churnPerMonth")}>
              {churn.map((c) => (
                <tr key={c.month}>
                  <Td>{month(c.month)}</Td>
                  <Td className="tabular-nums">{c.live}</Td>
                  <Td className="tabular-nums">{c.closed}</Td>
                  <Td className="tabular-nums">{percent(c.churn)}</Td>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <Card title={t("overdue")}>
          <Table head={[th("invoice"), th("client"), th("amount"), th("due"), th("daysOverdue")]} caption={th("unpaidInvoicesPastTheirDueDate")}>
            {overdue.length === 0 && <EmptyRow colSpan={5}>{t("noOverdue")}</EmptyRow>}
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
