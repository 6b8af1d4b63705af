import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { invoiceName } from "@/lib/billing/invoice-format";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { listCreditNotes } from "@/lib/services/invoices/credit-notes";
import { CreditNotesList } from "@/components/store/credit-notes-list";
import { InvoiceDocument } from "@/components/store/invoice-document";
import { PrintButton } from "@/components/store/print-button";
import { PageHeading } from "@/components/ui/card";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("adminInvoice"))("meta") };
}

type Props = { params: Promise<{ id: string }> };

/** An invoice as the client sees it, with a way back to its client. */
export default async function AdminInvoicePage({ params }: Props) {
  const { id } = await params;
  const t = await getTranslations("adminInvoice");
  const ctx = await adminPageCtx(`/admin/invoices/${id}`);
  const doc = await getInvoiceDocument({ ctx, input: { invoiceId: id } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  return (
    <div className="max-w-3xl">
      <div className="print:hidden">
        <PageHeading title={t("title", { name: invoiceName(doc.invoice) })} description={t("description", { buyer: doc.buyer.company ?? doc.buyer.name, id: doc.buyer.clientId })} />
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <Link href={`/admin/clients/${doc.buyer.clientId}`} className="text-sm text-indigo-700 hover:underline">{t("back")}</Link>
          <div className="flex items-center gap-3">
            <a href={`/admin/invoices/${doc.invoice.id}/pdf`} className="text-sm text-indigo-700 hover:underline">{t("pdf")}</a>
            <PrintButton />
          </div>
        </div>
      </div>
      <InvoiceDocument doc={doc} />
      <CreditNotesList notes={(await listCreditNotes({ ctx, input: { invoiceId: doc.invoice.id, limit: 100 } })).items} pdfBase="/admin/credit-notes" />
    </div>
  );
}
