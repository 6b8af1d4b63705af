import { useLocale } from "next-intl";
import type { InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import { formatMoney, Money } from "@/components/ui/money";
import { displayDomain } from "@/lib/domain-display";
import { invoiceName } from "@/lib/billing/invoice-format";
import { addonText } from "./labels";
import { buyerHeading, invoiceWords } from "./invoice-words";

/**
 * The invoice itself: seller and buyer with their legal details, dates, lines with service
 * periods, net amounts and tax rates, subtotal, tax per rate and total, the tax note and, once
 * paid, the payment. Prints on one clean page; the PDF (invoice-pdf.tsx) shows the same.
 */
export function InvoiceDocument({ doc }: { doc: Doc }) {
  const { invoice, lines, seller, buyer, taxes, payment } = doc;
  const head = buyerHeading(buyer);
  const cur = invoice.currency;
  const locale = useLocale();
  const { t, date: formatDate, addressLines, lineRate, periodText, taxLabel, status, paymentMethod, paymentReference } = invoiceWords(locale);
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-6 text-sm print:border-0 print:p-0" aria-label={t("invoice.named", { name: invoiceName(invoice) })}>
      <div className="flex flex-wrap justify-between gap-6">
        <div className="min-w-0" data-testid="invoice-seller">
          <p className="text-lg font-semibold text-slate-900">{seller.name}</p>
          {addressLines(seller).map((l) => <p key={l} className="text-slate-600">{l}</p>)}
          {seller.email && <p className="text-slate-600">{seller.email}</p>}
          {seller.taxId && <p className="text-slate-600">{t("invoice.taxId", { id: seller.taxId })}</p>}
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-right">
          <dt className="text-slate-600">{t("invoice.invoice")}</dt><dd className="font-medium" data-testid="invoice-number">{invoiceName(invoice)}</dd>
          <dt className="text-slate-600">{t("invoice.issued")}</dt><dd data-testid="invoice-issued">{formatDate(invoice.issuedAt ?? invoice.createdAt)}</dd>
          {invoice.dueAt && <><dt className="text-slate-600">{t("invoice.due")}</dt><dd data-testid="invoice-due">{formatDate(invoice.dueAt)}</dd></>}
          <dt className="text-slate-600">{t("invoice.status")}</dt>
          <dd data-testid="invoice-status">{status(invoice)}</dd>
        </dl>
      </div>
      <div className="mt-6 wrap-anywhere" data-testid="invoice-buyer">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("invoice.billTo")}</p>
        <p className="font-medium">{head.title}</p>
        {head.subtitle && <p>{head.subtitle}</p>}
        {addressLines(buyer).map((l) => <p key={l} className="text-slate-600">{l}</p>)}
        {buyer.taxId && <p className="text-slate-600">{t("invoice.taxId", { id: buyer.taxId })}</p>}
        <p className="text-slate-600">{t("invoice.clientNo", { email: buyer.email, id: buyer.clientId })}</p>
      </div>
      <div className="mt-6 overflow-x-auto">
      <table className="w-full border-collapse">
        <thead>
          <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-2 pr-3 font-semibold">{t("invoice.item")}</th>
            <th className="py-2 pr-3 font-semibold">{t("invoice.period")}</th>
            <th className="py-2 pr-3 text-right font-semibold">{t("invoice.net")}</th>
            <th className="py-2 pr-3 text-right font-semibold">{t("invoice.tax")}</th>
            <th className="py-2 text-right font-semibold">{t("invoice.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-3 wrap-anywhere">
                <p className="font-medium">{l.description}{l.domain ? `: ${displayDomain(l.domain)}` : ""}</p>
                {l.addons.map((a) => <p key={a.label} className="text-slate-600">{addonText(a.units, a, a.label)}</p>)}
              </td>
              <td className="py-2 pr-3">{periodText(l)}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap"><Money amount={l.net} currency={cur} /></td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">{lineRate(l)}</td>
              <td className="py-2 text-right whitespace-nowrap"><Money amount={l.total} currency={cur} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4} className="pt-3 text-right">{t("invoice.subtotal")}</td>
            <td className="pt-3 text-right" data-testid="invoice-subtotal"><Money amount={doc.subtotal} currency={cur} /></td>
          </tr>
          {taxes.map((g) => (
            <tr key={`${g.taxCategory}:${g.taxRateBp}:${g.taxName}`} data-testid="invoice-tax-line">
              <td colSpan={4} className="pt-1 text-right">{t("invoice.taxOn", { label: taxLabel(g), amount: formatMoney(g.net, cur, locale) })}</td>
              <td className="pt-1 text-right"><Money amount={g.taxAmount} currency={cur} /></td>
            </tr>
          ))}
          <tr>
            <td colSpan={4} className="pt-2 text-right font-semibold">{t("invoice.total")}</td>
            <td className="pt-2 text-right text-lg font-semibold" data-testid="invoice-amount"><Money amount={invoice.amount} currency={cur} /></td>
          </tr>
        </tfoot>
      </table>
      </div>
      {invoice.taxNote && <p className="mt-4 text-slate-700" data-testid="invoice-tax-note">{invoice.taxNote}</p>}
      {payment && (
        <p className="mt-4 text-slate-700" data-testid="invoice-payment">
          {t("invoice.paymentLead", { date: formatDate(payment.at), method: paymentMethod(payment) })} <span className="font-mono">{paymentReference(payment)}</span>: <Money amount={payment.amount} currency={cur} />
        </p>
      )}
    </article>
  );
}
