import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getInvoice } from "@/lib/services/invoices/get";
import { invoiceName } from "@/lib/billing/invoice-format";
import { getPaymentSession } from "@/lib/services/payments/get-session";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Payment · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const link = "font-medium text-indigo-700 hover:underline";

/** Where the client lands after the gateway's page: the payment as we know it, updated until the bank answers. */
export default async function PaymentReturnPage({ searchParams }: Props) {
  const raw = (await searchParams).session_id;
  const externalId = Array.isArray(raw) ? raw[0] : raw;
  const ctx = await clientCtx("/account/balance");
  if (!externalId) notFound();
  const session = await getPaymentSession({ ctx, input: { externalId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const invoice = session.invoiceId ? await getInvoice({ ctx, input: { invoiceId: session.invoiceId } }) : null;
  const amount = <Money amount={session.amount} currency={session.currency} />;
  return (
    <div className="mx-auto max-w-xl">
      <PageHeading title="Your payment" description={invoice ? `Invoice ${invoiceName(invoice)}` : "Adding funds to your balance"} />
      <Card>
        <div data-testid="payment-status">
          {session.status === "open" && (
            <Notice>Waiting for the bank to confirm your payment of {amount}. This page updates by itself.</Notice>
          )}
          {session.status === "paid" && (
            <Notice>
              Payment received: {amount}
              {invoice?.status === "paid"
                ? invoice.kind === "renewal" ? `. The renewal is paid (the rest from your balance); service #${invoice.serviceId} is being renewed.` : ". Your order is paid and your services are being set up."
                : " was added to your balance."}
            </Notice>
          )}
          {session.status === "paid" && invoice && invoice.status !== "paid" && session.failureReason && (
            <Notice tone="warning">{session.failureReason}</Notice>
          )}
          {session.status === "failed" && <Notice tone="error">The payment of {amount} did not go through: {session.failureReason ?? "the bank declined it"}.</Notice>}
          {session.status === "expired" && <Notice tone="warning">The payment page expired before the payment of {amount} was made. Nothing was charged.</Notice>}
        </div>
        <p className="flex flex-wrap gap-4 text-sm">
          {invoice?.status === "paid" && <Link href={invoice.kind === "renewal" ? `/account/services/${invoice.serviceId}` : "/account/services"} className={link}>{invoice.kind === "renewal" ? "See the service" : "See your services"}</Link>}
          {invoice && invoice.status === "unpaid" && session.status !== "open" && <Link href={`/account/invoices/${invoice.id}`} className={link}>Back to the invoice</Link>}
          <Link href="/account/balance" className={link}>Balance and payments</Link>
        </p>
      </Card>
      <AutoRefresh active={session.status === "open"} />
    </div>
  );
}
