import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isDbId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import { cardGateway } from "@/lib/billing/card-gateway";
import { getClient } from "@/lib/services/clients/get";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { listCreditNotes } from "@/lib/services/invoices/credit-notes";
import { CreditNotesList } from "@/components/store/credit-notes-list";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { CardPayForm } from "@/components/store/card-pay-form";
import { InvoiceDocument } from "@/components/store/invoice-document";
import { invoiceName } from "@/lib/billing/invoice-format";
import { PayForm } from "@/components/store/pay-form";
import { PrintButton } from "@/components/store/print-button";
import { clientCtx } from "@/lib/services/request-context";
import { startPaymentAction } from "../../payments/actions";
import { cardTopUpFor } from "@/lib/billing/renewal-invoices";
import { cancelOrderAction, payOrderAction, payRenewalAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("invoicePage"))("metaTitle") };
}

type Props = { params: Promise<{ invoiceId: string }> };

export default async function InvoicePage({ params }: Props) {
  const invoiceId = Number((await params).invoiceId);
  if (!isDbId(invoiceId)) notFound();
  const ctx = await clientCtx(`/account/invoices/${invoiceId}`);
  const doc = await getInvoiceDocument({ ctx, input: { invoiceId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const { invoice } = doc;
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const payable = invoice.status === "unpaid" && invoice.kind === "order" && invoice.orderId !== null;
  const [t, locale] = await Promise.all([getTranslations("invoicePage"), getLocale()]);
  const money = (n: number, currency = invoice.currency) => formatMoney(n, currency, locale);
  const amount = money(invoice.amount);
  const balance = money(client.balance, client.currency);
  const byCard = (sum: string) => (gateway === "stripe" ? t("payByCard", { amount: sum }) : t("payDemo", { amount: sum }));
  const gateway = cardGateway();
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href="/account/invoices" className="text-sm text-indigo-700 hover:underline">{t("all")}</Link>
        <div className="flex items-center gap-3">
          <a href={`/account/invoices/${invoice.id}/pdf`} className="text-sm text-indigo-700 hover:underline">{t("pdf")}</a>
          <PrintButton />
        </div>
      </div>
      <h1 className="sr-only">{t("title", { name: invoiceName(invoice) })}</h1>
      <InvoiceDocument doc={doc} />
      <CreditNotesList notes={(await listCreditNotes({ ctx, input: { invoiceId: doc.invoice.id, limit: 100 } })).items} pdfBase="/account/credit-notes" />
      {payable && (
        <Card title={t("pay")} className="mt-4 print:hidden">
          <p className="mb-3 text-sm text-slate-600">{t("yourBalance", { amount: balance })}</p>
          <div className="flex flex-col gap-4">
            <PayForm orderId={invoice.orderId!} label={t("payFromBalance", { amount })} action={payOrderAction} />
            {gateway && <CardPayForm action={startPaymentAction} invoiceId={invoice.id} label={byCard(amount)} demo={gateway === "demo"} />}
          </div>
          <div className="mt-4 border-t border-slate-200 pt-3">
            <p className="mb-2 text-sm text-slate-600">{t("changedMind")}</p>
            <PayForm orderId={invoice.orderId!} label={t("cancel")} action={cancelOrderAction} />
          </div>
        </Card>
      )}
      {invoice.status === "unpaid" && invoice.kind === "renewal" && (
        <Card title={t("payRenewal")} className="mt-4 print:hidden">
          <p className="mb-3 text-sm text-slate-600">{t("renewalNote", { amount: balance })}</p>
          <div className="flex flex-col gap-4">
            {client.balance >= invoice.amount && <PayForm orderId={invoice.id} label={t("payFromBalance", { amount })} action={payRenewalAction} />}
            {gateway && client.balance < invoice.amount && (
              <CardPayForm action={startPaymentAction} invoiceId={invoice.id} demo={gateway === "demo"}
                label={client.balance > 0 ? t("restFromBalance", { label: byCard(money(cardTopUpFor(invoice.amount, client.balance))) }) : byCard(money(cardTopUpFor(invoice.amount, client.balance)))} />
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
