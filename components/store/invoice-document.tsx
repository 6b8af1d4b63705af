import type { InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import { Money } from "@/components/ui/money";
import { displayDomain } from "@/lib/domain-display";
import { invoiceName } from "@/lib/billing/invoice-format";
import { addonText, formatDate, periodLabel } from "./labels";

const statusText = { unpaid: "Unpaid", paid: "Paid", cancelled: "Cancelled" } as const;

/** The invoice itself: seller and client, dates, lines with periods and add-ons, total. Prints on one clean page. */
export function InvoiceDocument({ doc }: { doc: Doc }) {
  const { invoice, lines, seller, billTo } = doc;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-6 text-sm print:border-0 print:p-0" aria-label={`Invoice ${invoiceName(invoice)}`}>
      <div className="flex flex-wrap justify-between gap-6">
        <div>
          <p className="text-lg font-semibold text-slate-900">{seller.name}</p>
          {seller.address.map((l) => <p key={l} className="text-slate-600">{l}</p>)}
          {seller.email && <p className="text-slate-600">{seller.email}</p>}
          {seller.taxId && <p className="text-slate-600">Tax ID {seller.taxId}</p>}
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-right">
          <dt className="text-slate-600">Invoice</dt><dd className="font-medium" data-testid="invoice-number">{invoiceName(invoice)}</dd>
          <dt className="text-slate-600">Issued</dt><dd>{formatDate(invoice.issuedAt ?? invoice.createdAt)}</dd>
          {invoice.dueAt && invoice.status === "unpaid" && <><dt className="text-slate-600">Due</dt><dd>{formatDate(invoice.dueAt)}</dd></>}
          <dt className="text-slate-600">Status</dt>
          <dd data-testid="invoice-status">{invoice.status === "paid" ? `Paid ${formatDate(invoice.paidAt)}` : statusText[invoice.status]}</dd>
        </dl>
      </div>
      <div className="mt-6">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Bill to</p>
        <p className="font-medium">{billTo.name}{billTo.company ? `, ${billTo.company}` : ""}</p>
        {billTo.address.map((l) => <p key={l} className="text-slate-600">{l}</p>)}
        <p className="text-slate-600">{billTo.email} · client #{billTo.id}</p>
      </div>
      <table className="mt-6 w-full border-collapse">
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-2 pr-3 font-semibold">Item</th>
            <th className="py-2 pr-3 font-semibold">Period</th>
            <th className="py-2 text-right font-semibold">Amount</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-3 wrap-anywhere">
                <p className="font-medium">{l.description}{l.domain ? `: ${displayDomain(l.domain)}` : ""}</p>
                {l.addons.map((a) => <p key={a.label} className="text-slate-600">{addonText(a.units, a, a.label)}</p>)}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{l.period ? periodLabel(l.period) : "—"}</td>
              <td className="py-2 text-right whitespace-nowrap"><Money amount={l.amount} currency={invoice.currency} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2} className="pt-3 text-right font-semibold">Total</td>
            <td className="pt-3 text-right text-lg font-semibold" data-testid="invoice-amount"><Money amount={invoice.amount} currency={invoice.currency} /></td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
