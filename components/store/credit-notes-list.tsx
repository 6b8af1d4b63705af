import { Money } from "@/components/ui/money";
import type { CreditNoteRow } from "@/lib/services/invoices/credit-notes";

const kindText = { refund: "Refund", void: "Invoice voided", plan_change: "Plan change credit" } as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Credit notes as a list, each with its invoice, amount, reason and PDF (`pdfBase/<id>/pdf`). */
export function CreditNotesList({ notes, pdfBase, title = "Credit notes", showInvoice = false }: { notes: CreditNoteRow[]; pdfBase: string; title?: string; showInvoice?: boolean }) {
  if (notes.length === 0) return null;
  return (
    <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4 print:hidden" data-testid="credit-notes">
      <h2 className="mb-2 font-semibold">{title}</h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {notes.map((n) => (
          <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="min-w-0">
              <a href={`${pdfBase}/${n.id}/pdf`} className="font-medium text-indigo-700 hover:underline">Credit note {n.number}</a>
              <p className="text-xs text-slate-500">
                {day(n.issuedAt)} · {kindText[n.kind]}{showInvoice && n.invoiceNumber ? ` · invoice ${n.invoiceNumber}` : ""}{n.reason ? ` · ${n.reason}` : ""}
              </p>
            </div>
            <span className="tabular-nums">−<Money amount={n.amount} currency={n.currency} /></span>
          </li>
        ))}
      </ul>
    </section>
  );
}
