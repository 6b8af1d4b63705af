import Link from "next/link";
import { notFound } from "next/navigation";
import { isDbId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import { cardGateway } from "@/lib/billing/card-gateway";
import { getClient } from "@/lib/services/clients/get";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { Card } from "@/components/ui/card";
import { formatMoney, Money } from "@/components/ui/money";
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
export const metadata = { title: "Invoice · Provisio" };

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
  const amount = formatMoney(invoice.amount, invoice.currency);
  const gateway = cardGateway();
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href="/account/invoices" className="text-sm text-indigo-700 hover:underline">← All invoices</Link>
        <div className="flex items-center gap-3">
          <a href={`/account/invoices/${invoice.id}/pdf`} className="text-sm text-indigo-700 hover:underline">Download PDF</a>
          <PrintButton />
        </div>
      </div>
      <h1 className="sr-only">Invoice {invoiceName(invoice)}</h1>
      <InvoiceDocument doc={doc} />
      {payable && (
        <Card title="Pay this invoice" className="mt-4 print:hidden">
          <p className="mb-3 text-sm text-slate-600">Your balance: <Money amount={client.balance} currency={client.currency} /></p>
          <div className="flex flex-col gap-4">
            <PayForm orderId={invoice.orderId!} label={`Pay ${amount} from balance`} action={payOrderAction} />
            {gateway && <CardPayForm action={startPaymentAction} invoiceId={invoice.id} label={`Pay ${amount} ${gateway === "stripe" ? "by card" : "with the demo gateway"}`} demo={gateway === "demo"} />}
          </div>
          <div className="mt-4 border-t border-slate-200 pt-3">
            <p className="mb-2 text-sm text-slate-600">Changed your mind? Cancel the order; nothing has been charged.</p>
            <PayForm orderId={invoice.orderId!} label="Cancel this order" action={cancelOrderAction} />
          </div>
        </Card>
      )}
      {invoice.status === "unpaid" && invoice.kind === "renewal" && (
        <Card title="Pay this renewal" className="mt-4 print:hidden">
          <p className="mb-3 text-sm text-slate-600">Paying it renews the service (and resumes it if it was suspended for non-payment). Your balance: <Money amount={client.balance} currency={client.currency} /></p>
          <div className="flex flex-col gap-4">
            {client.balance >= invoice.amount && <PayForm orderId={invoice.id} label={`Pay ${amount} from balance`} action={payRenewalAction} />}
            {gateway && client.balance < invoice.amount && (
              <CardPayForm action={startPaymentAction} invoiceId={invoice.id} demo={gateway === "demo"}
                label={`Pay ${formatMoney(cardTopUpFor(invoice.amount, client.balance), invoice.currency)} ${gateway === "stripe" ? "by card" : "with the demo gateway"}${client.balance > 0 ? " (the rest from the balance)" : ""}`} />
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
