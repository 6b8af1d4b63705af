import type { FormState } from "@/app/admin/form-state";
import Link from "next/link";
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
  const unpaid = invoices.filter((i) => i.status === "unpaid");
  return (
    <>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <section className="rounded border border-slate-200 p-4">
          <h3 className="mb-2 font-semibold">Refund or debit the balance</h3>
          <SpecForm
            action={actions.moveBalance}
            submitLabel="Apply"
            resetOnSuccess
            hidden={{ clientId: client.id, currency: client.currency }}
            fields={[
              { name: "direction", label: "What", type: "select", defaultValue: "refund", options: [{ value: "refund", label: "Refund to the balance" }, { value: "debit", label: "Debit from the balance" }] },
              { name: "amount", label: `Sum to refund or debit (${client.currency})`, inputMode: "decimal" },
              { name: "reason", label: "Reason (shown in the client's balance history)" },
            ]}
          />
        </section>
        <section className="rounded border border-slate-200 p-4">
          <h3 className="mb-2 font-semibold">Unpaid invoices</h3>
          {unpaid.length === 0 ? (
            <p className="text-sm text-slate-600">No unpaid invoices.</p>
          ) : (
            <SpecForm
              action={actions.invoice}
              submitLabel="Apply to the invoice"
              fields={[
                { name: "invoiceId", label: "Invoice", type: "select", options: unpaid.map((i) => ({ value: i.id, label: `${invoiceName(i)} — ${formatMoney(i.amount, i.currency)} — ${i.description}` })) },
                { name: "verb", label: "What", type: "select", defaultValue: "mark_paid", options: [{ value: "mark_paid", label: "Mark paid (money received elsewhere)" }, { value: "void", label: "Void it (and its order)" }] },
                { name: "reason", label: "Reason" },
              ]}
            />
          )}
        </section>
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">Invoices</h2>
      <Table head={["Number", "Kind", "Amount", "Status", "Issued", "Due", "Paid", "Description"]} caption="Invoices of the client">
        {invoices.length === 0 && <EmptyRow colSpan={8}>No invoices yet.</EmptyRow>}
        {invoices.map((i) => (
          <tr key={i.id}>
            <Td><Link href={`/admin/invoices/${i.id}`} className="font-medium text-indigo-700 hover:underline">{invoiceName(i)}</Link></Td>
            <Td>{i.kind}</Td>
            <Td className="tabular-nums"><Money amount={i.amount} currency={i.currency} /></Td>
            <Td><Badge status={i.status} /></Td>
            <Td><When at={i.createdAt} /></Td>
            <Td>{i.status === "unpaid" ? <When at={i.dueAt} /> : null}</Td>
            <Td><When at={i.paidAt} /></Td>
            <Td>{i.description}</Td>
          </tr>
        ))}
      </Table>
      <h2 className="mt-6 mb-2 text-lg font-semibold">Orders</h2>
      <Table head={["#", "Items", "Total", "Status", "Created"]} caption="Orders of the client">
        {orders.length === 0 && <EmptyRow colSpan={5}>No orders yet.</EmptyRow>}
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
