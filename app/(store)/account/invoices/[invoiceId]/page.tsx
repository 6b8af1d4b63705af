import Link from "next/link";
import { notFound } from "next/navigation";
import { isDbId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import { getClient } from "@/lib/services/clients/get";
import { getInvoice } from "@/lib/services/invoices/get";
import { Card, PageHeading } from "@/components/ui/card";
import { formatMoney, Money } from "@/components/ui/money";
import { formatDateTime } from "@/components/store/labels";
import { PayForm } from "@/components/store/pay-form";
import { clientCtx } from "../../client-ctx";
import { payOrderAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invoice · Provisio" };

type Props = { params: Promise<{ invoiceId: string }> };

export default async function InvoicePage({ params }: Props) {
  const invoiceId = Number((await params).invoiceId);
  if (!isDbId(invoiceId)) notFound();
  const ctx = await clientCtx(`/account/invoices/${invoiceId}`);
  const invoice = await getInvoice({ ctx, input: { invoiceId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const payable = invoice.status === "unpaid" && invoice.kind === "order" && invoice.orderId !== null;
  return (
    <div className="mx-auto max-w-2xl">
      <Link href="/account/invoices" className="text-sm text-indigo-700 hover:underline">← All invoices</Link>
      <PageHeading title={`Invoice #${invoice.id}`} description={invoice.description} />
      <Card>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600">Amount</dt>
          <dd className="text-lg font-semibold" data-testid="invoice-amount"><Money amount={invoice.amount} currency={invoice.currency} /></dd>
          <dt className="text-slate-600">Status</dt>
          <dd data-testid="invoice-status">{invoice.status === "paid" ? `Paid ${formatDateTime(invoice.paidAt)}` : invoice.status === "unpaid" ? "Unpaid" : "Cancelled"}</dd>
          <dt className="text-slate-600">Issued</dt>
          <dd>{formatDateTime(invoice.createdAt)}</dd>
          {payable && (
            <>
              <dt className="text-slate-600">Your balance</dt>
              <dd><Money amount={client.balance} currency={client.currency} /></dd>
            </>
          )}
        </dl>
        {payable && (
          <div className="mt-4">
            <PayForm orderId={invoice.orderId!} label={`Pay ${formatMoney(invoice.amount, invoice.currency)} from balance`} action={payOrderAction} />
          </div>
        )}
      </Card>
    </div>
  );
}
