import type { FormState } from "@/app/admin/form-state";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { invoiceName } from "@/lib/billing/invoice-format";
import { formatMoney, Money } from "@/components/ui/money";
import { Badge } from "./badge";
import { SpecForm } from "./spec-form";
import { EmptyRow, Table, Td, When } from "./table";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
type Invoice = { id: number; number: string | null; dueAt: Date | null; kind: string; status: string; amount: number; currency: string; description: string; createdAt: Date; paidAt: Date | null };
type Order = { id: number; status: string; total: number; currency: string; items: number; createdAt: Date };
type Props = {
  client: { id: number; currency: string };
  invoices: Invoice[];
  orders: Order[];
  actions: { moveBalance: Action; invoice: Action };
};

/** A client's money on the admin client page: refund or debit the balance, void or mark paid an invoice, the invoices and orders. */
export function ClientMoney({ client, invoices, orders, actions }: Props) {
  const t = useTranslations("adminClient.money");
  const locale = useLocale();
  const unpaid = invoices.filter((i) => i.status === "unpaid");
  return (
    <>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <section className="rounded border border-slate-200 p-4">
          <h3 className="mb-2 font-semibold">{t("moveTitle")}</h3>
          <SpecForm
            action={actions.moveBalance}
            submitLabel={t("apply")}
            resetOnSuccess
            hidden={{ clientId: client.id, currency: client.currency }}
            fields={[
              { name: "direction", label: t("what"), type: "select", defaultValue: "refund", options: [{ value: "refund", label: t("refund") }, { value: "debit", label: t("debit") }] },
              { name: "amount", label: t("sum", { currency: client.currency }), inputMode: "decimal" },
              { name: "reason", label: t("reasonHistory") },
            ]}
          />
        </section>
        <section className="rounded border border-slate-200 p-4">
          <h3 className="mb-2 font-semibold">{t("unpaidTitle")}</h3>
          {unpaid.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noUnpaid")}</p>
          ) : (
            <SpecForm
              action={actions.invoice}
              submitLabel={t("applyInvoice")}
              fields={[
                { name: "invoiceId", label: t("invoice"), type: "select", options: unpaid.map((i) => ({ value: i.id, label: `${invoiceName(i)} — ${formatMoney(i.amount, i.currency, locale)} — ${i.description}` })) },
                { name: "verb", label: t("what"), type: "select", defaultValue: "mark_paid", options: [{ value: "mark_paid", label: t("markPaid") }, { value: "void", label: t("void") }] },
                { name: "reason", label: t("reason") },
              ]}
            />
          )}
        </section>
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("invoices")}</h2>
      <Table head={[t("number"), t("kind"), t("amount"), t("status"), t("issued"), t("due"), t("paid"), t("description")]} caption={t("invoicesCaption")}>
        {invoices.length === 0 && <EmptyRow colSpan={8}>{t("noInvoices")}</EmptyRow>}
        {invoices.map((i) => (
          <tr key={i.id}>
            <Td><Link href={`/admin/invoices/${i.id}`} className="font-medium text-indigo-700 hover:underline">{invoiceName(i)}</Link></Td>
            <Td>{i.kind === "order" || i.kind === "renewal" ? t(`invoiceKind.${i.kind}`) : i.kind}</Td>
            <Td className="tabular-nums"><Money amount={i.amount} currency={i.currency} /></Td>
            <Td><Badge status={i.status} /></Td>
            <Td><When at={i.createdAt} /></Td>
            <Td>{i.status === "unpaid" ? <When at={i.dueAt} /> : null}</Td>
            <Td><When at={i.paidAt} /></Td>
            <Td>{i.description}</Td>
          </tr>
        ))}
      </Table>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("orders")}</h2>
      <Table head={["#", t("items"), t("total"), t("status"), t("created")]} caption={t("ordersCaption")}>
        {orders.length === 0 && <EmptyRow colSpan={5}>{t("noOrders")}</EmptyRow>}
        {orders.map((o) => (
          <tr key={o.id}>
            <Td>#{o.id}</Td>
            <Td>{o.items}</Td>
            <Td className="tabular-nums"><Money amount={o.total} currency={o.currency} /></Td>
            <Td><Badge status={o.status} /></Td>
            <Td><When at={o.createdAt} /></Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
