import { getLocale, getTranslations } from "next-intl/server";
import { Money } from "@/components/ui/money";
import { formatDateIn } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { CreditNoteRow } from "@/lib/services/invoices/credit-notes";

/** Credit notes as a list, each with its invoice, amount, reason and PDF (`pdfBase/<id>/pdf`), in the reader's language. */
export async function CreditNotesList({ notes, pdfBase, recent = false, showInvoice = false }: { notes: CreditNoteRow[]; pdfBase: string; recent?: boolean; showInvoice?: boolean }) {
  if (notes.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslations("creditNotesList"), getLocale() as Promise<Locale>]);
  return (
    <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4 print:hidden" data-testid="credit-notes">
      <h2 className="mb-2 font-semibold">{recent ? t("recentTitle") : t("title")}</h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {notes.map((n) => (
          <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="min-w-0">
              <a href={`${pdfBase}/${n.id}/pdf`} className="font-medium text-indigo-700 hover:underline">
                {t("note", { number: n.number })}
              </a>
              <p className="text-xs text-slate-500">
                {formatDateIn(locale, n.issuedAt)} · {t(`kind.${n.kind}`)}
                {showInvoice && n.invoiceNumber ? ` · ${t("invoice", { number: n.invoiceNumber })}` : ""}
                {n.reason ? ` · ${n.reason}` : ""}
              </p>
            </div>
            <span className="tabular-nums">
              −<Money amount={n.amount} currency={n.currency} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
